import Foundation
import HuisClosCrypto
@testable import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Issue 11: the relay verifies appended membership records with the same rules as every replica
/// (and its own clock), and a device believes a wipe order only from its verified log.
@Suite(.tags(.slow)) struct RelayTrustRulesTests {
    /// Signs `event` by hand as the record after the relay's head, dated `instant` or the head's date if later.
    static func next(_ event: MembershipEvent, on server: TestServer, signer: SigningKeyPair, at instant: Instant) async throws -> MembershipRecord {
        let records = try await server.storage.membershipRecords(from: 0)
        let head = try MembershipRecord(verifying: try #require(records.last))
        return try MembershipRecord.sign(event, index: head.index + 1, previousHash: head.hash, issuedAt: max(instant, head.issuedAt), signer: signer)
    }

    /// Expects the relay and each device's verified log to refuse `record`.
    static func expectRefusedEverywhere(_ record: MembershipRecord, server: TestServer, devices: [Device], at instant: Instant) async throws {
        await #expect(throws: APIError.self) {
            try await server.adminClient().appendMembership([record.encoded], adminToken: TestServer.adminToken)
        }
        for device in devices {
            _ = try await device.sync()
            var log = await device.membershipLog
            #expect(throws: TrustError.self) { try log.receive(record.encoded, now: instant) }
        }
    }

    @Test func theRelayRefusesARecordDatedBeyondItsClockAndHonestDevicesSignAfterOneWithinIt() async throws {
        let clock = ManualClock()
        try await TestServer.with("relay-clock", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await CouncilHarness.start(on: server, clock: clock)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let key = await alice.identity.signing
            let selfRevocation = MembershipEvent.revokeDevice(device: key.publicKey, wipe: false)
            let farAhead = try await Self.next(selfRevocation, on: server, signer: key, at: council.instant.adding(seconds: 300))
            do {
                try await server.adminClient().appendMembership([farAhead.encoded], adminToken: TestServer.adminToken)
                Issue.record("a record dated 300 s ahead of the relay's clock was kept")
            } catch let error as APIError {
                #expect(error.message.contains("relay's clock"))
            }
            // Within the relay's skew the record is kept; the secretariat, whose clock is right, signs after it.
            let ahead = try await Self.next(selfRevocation, on: server, signer: key, at: council.instant.adding(seconds: 60))
            try await server.adminClient().appendMembership([ahead.encoded], adminToken: TestServer.adminToken)
            try await council.secretariat.sign(.appointMember(Appointment(
                member: try MemberID.generate(), role: .member, orderNumber: "2026-apres", orderDate: council.instant,
                mandateEnd: council.instant.adding(seconds: 86_400 * 365), scopes: [])))
            #expect(try await server.storage.membershipRecords(from: 0).count == Int(await council.secretariat.membership.headIndex) + 1)
        }
    }

    @Test func theRelayAndEveryReplicaRefuseThePresidentEndingTheSecretariatsMandateExOfficio() async throws {
        try await TestServer.with("relay-ex-officio") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let president = try await council.enrolMember("presidente", role: .president)
            let record = try await Self.next(.endMandate(member: council.secretariat.certificate.member, reason: .exOfficio), on: server,
                                             signer: await president.identity.signing, at: council.instant)
            try await Self.expectRefusedEverywhere(record, server: server, devices: [council.secretariat, president], at: council.instant)
        }
    }

    @Test func theRelayAndEveryReplicaRefuseASecretariatDeviceRevokingTheRootHoldersDevice() async throws {
        try await TestServer.with("relay-root-holder") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let second = try await council.enrolDevice("secretariat-2", of: council.secretariat.certificate.member)
            let record = try await Self.next(.revokeDevice(device: council.secretariat.certificate.signingKey, wipe: true), on: server,
                                             signer: await second.identity.signing, at: council.instant)
            try await Self.expectRefusedEverywhere(record, server: server, devices: [council.secretariat, second], at: council.instant)
        }
    }

    @Test func aWipeOrderSignedByARevokedSecretariatDeviceWipesNothing() async throws {
        let clock = ManualClock()
        try await TestServer.with("forged-wipe", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await CouncilHarness.start(on: server, clock: clock)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let second = try await council.enrolDevice("secretariat-2", of: council.secretariat.certificate.member)
            let stolen = await second.identity.signing
            let whileValid = council.instant
            clock.advance(seconds: 60)
            try await council.secretariat.sign(.revokeDevice(device: stolen.publicKey, wipe: true))
            _ = try await alice.sync()
            // The thief signs a wipe order of Alice's device, backdated to when the stolen device was
            // valid, and a relay sends it with a 401: as the next record of her log, and out of place.
            let head = await alice.membership
            let wipeAlice = MembershipEvent.revokeDevice(device: alice.certificate.signingKey, wipe: true)
            let orders = [
                try MembershipRecord.sign(wipeAlice, index: head.headIndex + 1, previousHash: head.headHash, issuedAt: whileValid, signer: stolen),
                try MembershipRecord.sign(wipeAlice, index: head.headIndex + 1, previousHash: head.headHash, issuedAt: council.instant, signer: stolen),
                try MembershipRecord.sign(wipeAlice, index: 3, previousHash: [UInt8](repeating: 7, count: 32), issuedAt: whileValid, signer: stolen),
            ]
            for order in orders { try await alice.handleRevocation(order.encoded) }
            #expect(FileManager.default.fileExists(atPath: alice.folder.path))
            _ = try await alice.sync()
            // The secretariat's real order, in the log, still wipes.
            try await council.secretariat.sign(wipeAlice)
            await #expect(throws: DeviceError(.wiped, DeviceError.Code.wiped.text)) { _ = try await alice.sync() }
        }
    }

    @Test func aRevokedDeviceBehindTheLogIsWipedFromTheRecordsSentWithTheOrder() async throws {
        try await TestServer.with("wipe-behind") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let head = await alice.membership.headIndex
            // Records Alice has not pulled come before the order: she verifies them with it.
            _ = try await council.enrolMember("bruno")
            try await council.secretariat.sign(.revokeDevice(device: alice.certificate.signingKey, wipe: true))
            #expect(await council.secretariat.membership.headIndex > head + 2)
            await #expect(throws: DeviceError(.wiped, DeviceError.Code.wiped.text)) { _ = try await alice.sync() }
            #expect(!FileManager.default.fileExists(atPath: alice.folder.path))
        }
    }
}
