import Foundation
import GRDB
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// A batch is judged at the membership log position it names, not at the clock readings its
/// author chose: writes cannot be dated back to before the record that took the right away.
@Suite(.tags(.slow)) struct BackdatedBatchTests {
    /// Runs `body` on a council whose relay follows the test's clock.
    static func withCouncil(_ name: String, _ body: (CouncilHarness, TestServer, ManualClock) async throws -> Void) async throws {
        let clock = ManualClock()
        try await TestServer.with(name, configure: { $0.clock = clock.serverClock }) { server in
            let council = try await CouncilHarness.start(on: server, clock: clock)
            defer { council.remove() }
            try await body(council, server, clock)
        }
    }

    /// Reopens `device` with its clock set to `instant`: what the holder of a stolen or tampered device does.
    static func backdated(_ device: Device, to instant: Date) async throws -> Device {
        let folder = device.folder
        try await device.lock()
        return try Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: { instant })
    }

    /// A malicious relay stores `batch` without its checks and serves it; each device syncs and must refuse it.
    static func expectRefusedByEveryReplica(_ batch: BatchEnvelope, on server: TestServer, devices: [Device]) async throws {
        _ = try await server.storage.push([batch], receivedAt: Date())
        for device in devices {
            let report = try await device.sync()
            #expect(report.batches.pulled.rejected[batch.id] != nil)
            #expect(try await device.store.database.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batches WHERE device = ? AND scope = ?",
                                 arguments: [Data(batch.device.bytes), batch.scope.rawValue])
            } == 0)
        }
    }

    @Test func aRevokedDeviceCannotBackdateWritesBeforeItsRevocation() async throws {
        try await Self.withCouncil("backdate-revoked") { council, server, clock in
            let alice = try await council.enrolMember("alice")
            let bob = try await council.enrolMember("bob")
            let valid = clock.now()
            clock.advance(seconds: 600)
            try await council.secretariat.sign(.revokeDevice(device: alice.certificate.signingKey, wipe: false))
            clock.advance(seconds: 600)
            // The thief keeps Alice's device offline and sets its clock back to when it was valid.
            let stolen = try await Self.backdated(alice, to: valid.addingTimeInterval(60))
            let batch = try await stolen.commit([try CouncilHarness.set("antidate", "contenu", "écrit après la révocation")], scope: .council)
            try await Self.expectRefusedByEveryReplica(batch, on: server, devices: [bob, council.secretariat])
            #expect(try CouncilHarness.text(bob, scope: .council, kind: "working-note", id: "antidate", field: "contenu") == nil)
        }
    }

    @Test func aFormerPresidentReappointedAsAMemberCannotWriteAsPresidentDatedInTheirTerm() async throws {
        try await Self.withCouncil("backdate-president") { council, server, clock in
            let president = try await council.enrolMember("ancienne-presidente", role: .president)
            let bob = try await council.enrolMember("bob")
            let term = clock.now()
            clock.advance(seconds: 600)
            try await council.secretariat.sign(.endMandate(member: president.member, reason: .resignation))
            clock.advance(seconds: 60)
            try await council.secretariat.sign(.appointMember(Appointment(
                member: president.member, role: .member, orderNumber: "2026-reconduite", orderDate: council.instant,
                mandateEnd: council.instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            clock.advance(seconds: 600)
            // Her device, left at the log of her term, with its clock set back into it, convenes a séance.
            let tampered = try await Self.backdated(president, to: term.addingTimeInterval(60))
            try tampered.council.convene(seance: "s-antidatee", date: try #require(Day(iso: "2026-05-01")), place: "Bobigny")
            let batch = try #require(try tampered.store.outbox().last)
            // An honest relay refuses it at push, though her device may write the council scope now.
            let folder = tampered.folder
            try await tampered.lock()
            let synced = try await Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: clock.now).sync()
            #expect(synced.batches.pushRejected[batch.id]?.code == .forbidden)
            // The relay's own words for the refusal, as `huisclos sync` shows them: in French by
            // default, in English on request (issue 12: a push result carries both).
            let refusal = try #require(synced.batches.problems.first)
            #expect(refusal.french.contains("cet appareil ne peut pas écrire dans council"), "\(refusal.french)")
            #expect(!refusal.french.contains("may not write"), "English in French: \(refusal.french)")
            #expect(refusal.english.contains("this device may not write in council"), "\(refusal.english)")
            try await Self.expectRefusedByEveryReplica(batch, on: server, devices: [bob, council.secretariat])
        }
    }

    @Test func aBatchNamingALogPositionNotYetVerifiedIsHeldUntilTheLogCatchesUp() async throws {
        try await Self.withCouncil("log-behind") { council, _, clock in
            let alice = try await council.enrolMember("alice")
            let bob = try await council.enrolMember("bob")
            _ = try await bob.sync()
            clock.advance(seconds: 60)
            try await council.secretariat.sign(.appointMember(Appointment(
                member: try MemberID.generate(), role: .member, orderNumber: "2026-carole", orderDate: council.instant,
                mandateEnd: council.instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            _ = try await alice.sync()
            let batch = try await alice.commit([try CouncilHarness.set("apres", "contenu", "écrit sous le nouveau registre")], scope: .council)
            #expect(batch.logPosition == (await bob.membership.headIndex) + 1)
            let early = try bob.store.apply(batches: [batch])
            #expect(early.held.map(\.id) == [batch.id])
            #expect(early.held.first?.reason.code == .logBehind)
            // Once Bob's sync brings the newer record, the held batch merges, though no batch arrives with it.
            _ = try await bob.sync()
            #expect(try CouncilHarness.text(bob, scope: .council, kind: "working-note", id: "apres", field: "contenu") == "écrit sous le nouveau registre")
        }
    }
}
