import Foundation
import GRDB
import HuisClosCrypto
import HuisClosDevice
import HuisClosEngine
import HuisClosProtocol
import HuisClosServer
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Clients believe the signed log, never the relay's word.
@Suite(.tags(.slow)) struct ServerDistrustTests {
    @Test func aMemberAndDeviceInjectedIntoServerStorageAreRefusedByEveryClient() async throws {
        try await TestServer.with("inject") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let head = await alice.membership.headIndex

            // The operator appends records signed by a key of its own: a new member and its device.
            let rogueKey = try SigningKeyPair.generate()
            let rogue = try DeviceIdentity.generate(for: try MemberID.generate())
            let count = try await server.storage.membershipRecords(from: 0).count
            let previous = try MembershipRecord(verifying: try await server.storage.membershipRecords(from: UInt64(count - 1))[0])
            let forged = try MembershipRecord.sign(.certifyDevice(rogue.certificate), index: UInt64(count), previousHash: previous.hash,
                                                   issuedAt: council.instant, signer: rogueKey)
            #expect(try await server.storage.appendMembershipRecords([forged.encoded], at: UInt64(count)))

            for device in [alice, council.secretariat] {
                await #expect(throws: DeviceError(.untrustedLog, DeviceError.Code.untrustedLog.text)) { _ = try await device.sync() }
                #expect(await device.membership.certificate(of: rogue.signing.publicKey) == nil)
            }
            #expect(await alice.membership.headIndex == head)

            // And a batch the operator slips into the council's log from that device is never merged.
            let batchStore = try ChangeStore(database: DatabaseQueue(), device: rogue.signing,
                                             authorizer: KnownDevicesAuthorizer(devices: [rogue.signing.publicKey]))
            let batch = try batchStore.commitLocal([try CouncilHarness.set("faux", "contenu", "injecté")], scope: .council)
            _ = try await server.storage.push([batch], receivedAt: Date())
            let report = try alice.store.apply(batches: [batch])
            #expect(report.applied.isEmpty)
            #expect(report.rejected.first?.error.code == .unauthorized || report.rejected.first?.error.code == .cannotOpenBody)
            #expect(try CouncilHarness.text(alice, scope: .council, kind: "working-note", id: "faux", field: "contenu") == nil)
        }
    }

    @Test func theRelayRefusesRecordsTheLogDoesNotJustifyAndASecondCouncil() async throws {
        try await TestServer.with("relay-checks") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let admin = server.adminClient()
            let records = try await server.storage.membershipRecords(from: 0)
            let head = try MembershipRecord(verifying: try #require(records.last))
            let intruder = try DeviceIdentity.generate(for: try MemberID.generate())
            let forged = try MembershipRecord.sign(.certifyDevice(intruder.certificate), index: head.index + 1, previousHash: head.hash,
                                                   issuedAt: council.instant, signer: try SigningKeyPair.generate())
            await #expect(throws: APIError(.forbidden)) {
                try await admin.appendMembership([forged.encoded], adminToken: TestServer.adminToken)
            }
            let unsigned = Array(forged.encoded.dropLast()) + [forged.encoded.last! ^ 1]
            await #expect(throws: APIError(.badSignature)) {
                try await admin.appendMembership([unsigned], adminToken: TestServer.adminToken)
            }
            await #expect(throws: APIError(.alreadyEnrolled)) {
                try await admin.registerCouncil(genesis: records[0], adminToken: TestServer.adminToken)
            }
            #expect(try await server.storage.membershipRecords(from: 0) == records)
        }
    }

    @Test func replayedBatchesLeaveTheStateUnchanged() async throws {
        try await TestServer.with("replay") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            for index in 0..<10 {
                try await council.secretariat.commit([try CouncilHarness.set("r-\(index)", "contenu", "v\(index)")], scope: .council)
            }
            _ = try await council.secretariat.sync()
            _ = try await alice.sync()
            let before = try alice.store.digest()
            let page = try await server.storage.pull(scope: .council, after: 0, maxBatches: 2_000, maxBytes: 64 << 20)
            let batches = try page.batches.map { try BatchEnvelope(verifying: $0) }
            let report = try alice.store.apply(batches: batches + batches.reversed())
            #expect(report.applied.isEmpty)
            #expect(try alice.store.digest() == before)
        }
    }

    @Test func threeDevicesEditingOfflineConvergeToEqualDigests() async throws {
        try await TestServer.with("converge") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let bob = try await council.enrolMember("bob")
            let devices = [council.secretariat, alice, bob]
            for (number, device) in devices.enumerated() {
                for index in 0..<5 {
                    try await device.commit([try CouncilHarness.set("partage-\(index)", "avis", "avis \(number)"),
                                             try CouncilHarness.set("propre-\(number)-\(index)", "titre", "t")], scope: .council)
                }
            }
            for _ in 0..<2 { for device in devices { _ = try await device.sync() } }
            let digests = try devices.map { try $0.store.digest() }
            #expect(Set(digests).count == 1)
        }
    }
}
