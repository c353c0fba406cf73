import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Issue 15, simulation seed 4131: a record the relay kept but whose answer its signer never heard
/// (a cut connection) is the signer's to settle before it signs anything else. Signing another
/// record at its place forked the log for every device that had pulled the first one.
@Suite(.tags(.slow)) struct OutboundRecordTests {
    /// A council whose secretariat reaches the relay through `transport`.
    static func council(on server: TestServer, clock: ManualClock, transport: AnswerLosingTransport) async throws -> CouncilHarness {
        let folder = try TemporaryFolder("outbound")
        let secretariat = try await Device.createCouncil(
            folder: folder.url.appendingPathComponent("secretariat"), server: server.url, adminToken: TestServer.adminToken,
            passphrase: CouncilHarness.passphrase, councilName: "Conseil numérique de la Seine-Saint-Denis", member: try MemberID.generate(),
            orderNumber: "2026-0001", charterDigest: CouncilHarness.charter, now: clock.now, limits: .interactive, transport: transport)
        return CouncilHarness(serverURL: server.url, folder: folder, clock: clock, secretariat: secretariat)
    }

    static func appointment(_ name: String, at instant: Instant) throws -> Appointment {
        Appointment(member: try MemberID.generate(), role: .member, orderNumber: "2026-\(name)", orderDate: instant,
                    mandateEnd: instant.adding(seconds: 3 * 365 * 86_400), scopes: [])
    }

    /// The secretariat appoints Dave; the relay keeps the record, the answer is lost; Carol pulls
    /// it; the relay is restored from a backup taken before. The secretariat then appoints Eve:
    /// Dave's record, byte for byte, must go first, so Carol's log and the relay's stay one.
    @Test func aRecordWhoseAnswerWasLostIsSentAgainBeforeAnyOtherAfterARestore() async throws {
        let transport = AnswerLosingTransport()
        try await RestorableRelay.with("outbound-restore") { relay in
            let council = try await Self.council(on: relay.server, clock: relay.clock, transport: transport)
            defer { council.remove() }
            let carol = try await council.enrolMember("carol")
            try relay.backUp()

            let dave = try Self.appointment("dave", at: council.instant)
            transport.loseAnswer { records in
                records.contains { if case let .appointMember(appointed) = $0.event { appointed.member == dave.member } else { false } }
            }
            await #expect(throws: (any Error).self) { try await council.secretariat.sign(.appointMember(dave)) }
            _ = try await carol.sync()
            #expect(await carol.membership.lastRole(of: dave.member) == .member, "Carol pulled Dave's appointment")

            try await relay.restore()

            // The resend of Dave's record meets a failing relay (503): it stays noted, and nothing
            // else is signed at its place; a sync still goes through, signing nothing, and says so
            // (the attacker's reviews of the fix).
            transport.failAppends(2)
            let pending = try await council.secretariat.sync()
            #expect(pending.recordPending?.french.contains("attend que le serveur le garde") == true, "\(String(describing: pending.recordPending))")
            let eve = try Self.appointment("eve", at: council.instant)
            await #expect(throws: DeviceError.self) { try await council.secretariat.sign(.appointMember(eve)) }
            #expect(try await council.secretariat.sync().recordPending == nil, "the relay took Dave's record at last")
            try await council.secretariat.sign(.appointMember(eve))
            _ = try await carol.sync()
            let relayed = await council.secretariat.membershipLog.records.map(\.encoded)
            #expect(await carol.membershipLog.records.map(\.encoded) == relayed, "Carol and the secretariat hold one log")
            let state = await carol.membership
            #expect(state.lastRole(of: dave.member) == .member && state.lastRole(of: eve.member) == .member)
        }
    }

    /// A relay answers a record and its resend with a refusal while its log shows nothing at the
    /// record's place (a relay that kept it and hides it, or a broken one) — as a fork, or as if
    /// the record were forged, too large or not allowed, which this device's own log does not
    /// say: the record stays noted and nothing else is signed at its place. The attacker's reviews:
    /// forgetting it on the relay's word (a fork, then the three others) let such a relay get two
    /// records signed at one place. Once the relay takes it, it goes first, byte for byte.
    @Test(arguments: [APIError.Code.fork, .forbidden, .badSignature, .tooLarge])
    func aRecordRefusedWithNothingAtItsPlaceStaysNotedAndNothingElseIsSignedThere(_ code: APIError.Code) async throws {
        let transport = AnswerLosingTransport()
        let clock = ManualClock()
        try await TestServer.with("outbound-\(code.rawValue)", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await Self.council(on: server, clock: clock, transport: transport)
            defer { council.remove() }
            let before = await council.secretariat.membershipLog.records.count
            transport.failAppends(2, with: APIError(code, Text(fr: "refusé", en: "refused")))
            let dave = try Self.appointment("dave", at: council.instant)
            await #expect { try await council.secretariat.sign(.appointMember(dave)) } throws: { error in
                (error as? DeviceError)?.code == .recordPending
            }
            let eve = try Self.appointment("eve", at: council.instant)
            try await council.secretariat.sign(.appointMember(eve))
            let added = await council.secretariat.membershipLog.records[before...].map(\.event)
            #expect(added.count == 2, "Dave's record went first, then Eve's: \(added)")
            guard added.count == 2, case let .appointMember(first) = added[0], case let .appointMember(second) = added[1] else { return }
            #expect(first.member == dave.member && second.member == eve.member)
        }
    }

    /// The secretariat revokes Bob's device; the answer to its new council key epoch is lost. At
    /// its next sync it must hold that epoch's key (its own copy was kept with the record) and hand
    /// it to Carol at once — not start yet another epoch, nor leave Carol waiting for a key.
    @Test func theKeyOfAnEpochWhoseAnswerWasLostIsHeldAndHandedOut() async throws {
        let folder = try TemporaryFolder("outbound-epoch")
        defer { folder.remove() }
        let clock = ManualClock()
        let transport = AnswerLosingTransport()
        let server = try await TestServer.start(folder: folder.url) { $0.clock = clock.serverClock }
        do {
            let council = try await Self.council(on: server, clock: clock, transport: transport)
            defer { council.remove() }
            let carol = try await council.enrolMember("carol")
            let bob = try await council.enrolMember("bob")
            let epochsBefore = await council.secretariat.membership.startedEpochs(of: .council).count

            transport.loseAnswer { records in records.contains { $0.event.kind == .startEpoch } }
            try await council.secretariat.sign(.revokeDevice(device: bob.certificate.signingKey, wipe: false))
            await #expect(throws: (any Error).self, "the sync that starts the epoch hears nothing back") { try await council.secretariat.sync() }
            _ = try await council.secretariat.sync()
            #expect(await council.secretariat.membership.startedEpochs(of: .council).count == epochsBefore + 1, "one new epoch, not two")
            #expect(try await council.secretariat.sync().waitingForKey.isEmpty, "the secretariat holds the new epoch's key")
            #expect(try await carol.sync().waitingForKey.isEmpty, "Carol got the new epoch's key")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
