import Foundation
import HuisClosCrypto
@testable import HuisClosDevice
import HuisClosEngine
import HuisClosProtocol
import HuisClosServer
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Issue 11, findings 1, 2 and 12, end to end on a real relay: nobody freezes a scope's keys, a
/// broken key chain costs no batch (held, then merged), and nobody writes under a key that must rotate.
@Suite(.tags(.slow)) struct EpochHardeningTests {
    private func random(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255) } }

    /// An epoch record with a random commitment and no usable key: what a thief would sign.
    private func freeze(_ scope: ScopeID, epoch: UInt32) -> MembershipEvent {
        .startEpoch(scope: scope, epoch: epoch, reason: .scheduled, commitment: random(32),
                    keys: EpochKeys(starterSealedKey: random(EpochKeys.starterSealedLength), link: nil))
    }

    private func note(_ device: Device, _ id: String) throws -> String? {
        try CouncilHarness.text(device, scope: .council, kind: "working-note", id: id, field: "texte")
    }

    @Test func memberOrStolenOfficeDeviceCannotFreezeTheCouncilScope() async throws {
        let clock = ManualClock()
        try await TestServer.with("freeze", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await CouncilHarness.start(on: server, clock: clock)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let president = try await council.enrolMember("president", role: .president)
            // A member's device: refused by its own log, and by the relay when forged past it.
            await #expect(throws: DeviceError(.notAuthorised, DeviceError.Code.notAuthorised.text)) { try await alice.sign(freeze(.council, epoch: 2)) }
            let head = await alice.membership
            let forged = try MembershipRecord.sign(freeze(.council, epoch: 2), index: head.headIndex + 1, previousHash: head.headHash,
                                                   issuedAt: council.instant, signer: await alice.identity.signing)
            await #expect(throws: APIError.self) { try await alice.client.appendMembership([forged.encoded]) }
            #expect(await council.secretariat.membership.currentEpoch(of: .council) == 1)

            // The president's stolen device: an office may start the epoch, but shares no key with it.
            try await president.sign(freeze(.council, epoch: 2))
            _ = try await alice.sync()
            await #expect(throws: ChangeError.self) { try await alice.commit([try CouncilHarness.set("n", "texte", "gelé")], scope: .council) }
            // Past the grace, the secretariat's sync supersedes it: epoch 3, linked from epoch 1.
            clock.advance(seconds: Double(TrustLimits.danglingEpochGraceSeconds))
            _ = try await council.secretariat.sync()
            #expect(await council.secretariat.membership.currentEpoch(of: .council) == 3)
            for device in [alice, president] { _ = try await device.sync() }
            try await alice.commit([try CouncilHarness.set("n", "texte", "après")], scope: .council)
            _ = try await alice.sync()
            for device in [council.secretariat, president] {
                _ = try await device.sync()
                #expect(try note(device, "n") == "après")
            }
            // The secretariat still rotates, and members write under the new key.
            try await council.secretariat.startEpoch(of: .council, reason: .scheduled)
            _ = try await alice.sync()
            try await alice.commit([try CouncilHarness.set("n", "texte", "encore")], scope: .council)
            #expect(await alice.context.keyring.newestEpoch(of: .council) == 4)
        }
    }

    @Test func garbageLinkFromAStolenOfficeLosesNoBatchForANewDevice() async throws {
        try await TestServer.with("garbage-link") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let president = try await council.enrolMember("president", role: .president)
            try await alice.commit([try CouncilHarness.set("e1", "texte", "époque 1")], scope: .council)
            _ = try await alice.sync()

            // The stolen president's device starts epoch 2 with a real key, shared to every device, and a garbage link.
            let key = try ScopeKey.generate(scope: .council, epoch: 2)
            let thief = await president.identity
            let keys = EpochKeys(starterSealedKey: try SealedBox.seal(key.key, to: thief.agreement.publicKey),
                                 link: KeyChainLink(scope: .council, epoch: 2, fromEpoch: 1, sealedPreviousKey: random(KeyChainLink.sealedLength)))
            try await president.sign(.startEpoch(scope: .council, epoch: 2, reason: .scheduled, commitment: key.commitment, keys: keys))
            let entitled = await president.membership.entitledDevices(to: .council, at: council.instant)
            try await president.drop(try entitled.map { try SealedScopeKey.issue(key, to: $0, by: thief.signing) })
            _ = try await alice.sync()
            try await alice.commit([try CouncilHarness.set("e2", "texte", "époque 2")], scope: .council)
            _ = try await alice.sync()
            _ = try await council.secretariat.sync()
            try await council.secretariat.startEpoch(of: .council, reason: .scheduled)
            _ = try await alice.sync()
            try await alice.commit([try CouncilHarness.set("e3", "texte", "époque 3")], scope: .council)
            _ = try await alice.sync()

            // A newly certified device first gets only the current key (epoch 3): down the log it
            // reaches epoch 2, not epoch 1; epoch 1's batch is held, with why, and nothing is lost.
            let carol = try MemberID.generate()
            try await council.secretariat.sign(.appointMember(Appointment(member: carol, role: .member, orderNumber: "2026-carol", orderDate: council.instant,
                                                                          mandateEnd: council.instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            let (code, _) = try await council.secretariat.enrolmentCode(adminToken: TestServer.adminToken)
            let tablet = try await Device.enrol(folder: council.folder.url.appendingPathComponent("carol"), server: council.serverURL, code: code,
                                                passphrase: CouncilHarness.passphrase, member: carol,
                                                trustRoot: await council.secretariat.membership.root.publicKey,
                                                charterDigest: CouncilHarness.charter, now: council.clock.now, limits: .interactive)
            try await council.secretariat.sign(.certifyDevice(tablet.certificate))
            _ = try await tablet.sync()
            try await alice.drop(try ScopeKeyIssuer.share(scope: .council, epoch: 3, with: [tablet.certificate], keyring: await alice.context.keyring))
            let first = try await tablet.sync()
            #expect(await tablet.context.keyring.heldEpochs(of: .council) == [2, 3])
            #expect(first.held.contains { $0.reason.code == .keyUnavailable && $0.id.scope == .council && $0.epoch == 1 })
            #expect(try note(tablet, "e1") == nil)

            // The secretariat sees the broken link and seals epoch 1 to it directly; the held batches merge.
            _ = try await council.secretariat.sync()
            let second = try await tablet.sync()
            #expect(second.heldMerged >= 3)
            #expect(second.held.isEmpty)
            #expect(try note(tablet, "e1") == "époque 1")
            #expect(try note(tablet, "e2") == "époque 2")
            #expect(try note(tablet, "e3") == "époque 3")
        }
    }

    @Test func writeBeforeRotationIsNotReadableWithTheRemovedMembersKey() async throws {
        try await TestServer.with("rotation-pending") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let group = try ScopeID("group:budget")
            let president = try await council.enrolMember("president", role: .president, scopes: [group])
            let alice = try await council.enrolMember("alice", scopes: [group])
            let bob = try await council.enrolMember("bob", scopes: [group])
            _ = try await president.sync()  // seals the group's key to Alice and Bob
            for device in [alice, bob] { _ = try await device.sync() }
            #expect(await bob.context.keyring.heldEpochs(of: group) == [1])
            let bobKeys = await bob.context.keyring  // every key Bob ever held, kept

            try await council.secretariat.sign(.removeFromScope(member: bob.member, scope: group))
            _ = try await alice.sync()
            // Until the key rotates, a write would be sealed under epoch 1, which Bob keeps: refused.
            let early: Result<BatchEnvelope, any Error>
            do {
                early = .success(try await alice.commit([.set(try RecordKey(kind: "working-note", id: "g"), field: "texte", value: .text("avant"))], scope: group))
            } catch {
                early = .failure(error)
            }
            if case let .success(batch) = early {
                #expect(throws: TrustError.self, "a write before the rotation opens with the removed member's key") {
                    try BatchBodySealer.open(batch, keyring: bobKeys)
                }
            }
            #expect(throws: ChangeError(.rotationPending, ChangeError.Code.rotationPending.text)) { try early.get() }

            _ = try await president.sync()  // the group's authority rotates
            _ = try await alice.sync()
            let batch = try await alice.commit([.set(try RecordKey(kind: "working-note", id: "g"), field: "texte", value: .text("après"))], scope: group)
            #expect(batch.epoch == 2)
            #expect(throws: TrustError(.keyUnavailable)) { try BatchBodySealer.open(batch, keyring: bobKeys) }
        }
    }

    @Test func secondAuthorityRotatingOnAStaleLogAddsNoEpoch() async throws {
        try await TestServer.with("rotation-race") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let president = try await council.enrolMember("president", role: .president)
            try await council.secretariat.startEpoch(of: .council, reason: .scheduled)
            // The president's device has not seen epoch 2: its record is refused, it pulls, and stops.
            try await president.startEpoch(of: .council, reason: .scheduled)
            #expect(await president.membership.currentEpoch(of: .council) == 2)
            _ = try await president.sync()
            #expect(await president.context.keyring.heldEpochs(of: .council).contains(2))
        }
    }
}
