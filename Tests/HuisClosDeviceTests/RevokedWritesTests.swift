import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosDossiers
import HuisClosProtocol
import HuisClosStore
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// A revoked device's writes the relay took before its revocation stand on every replica, whether
/// the replica merged them before or after it learned of the revocation (issue 15, the
/// simulation's seeds 24 59 103 126 137 142): replicas converge whatever the order.
@Suite(.tags(.slow)) struct RevokedWritesTests {
    /// Bob merges Alice's note before the revocation reaches him, Carol learns of the revocation
    /// first (a sync pulls the log before the batches) and merges the note after: both keep it.
    @Test func aRevokedDevicesEarlierWritesStandWhateverEachReplicaLearnsFirst() async throws {
        try await BackdatedBatchTests.withCouncil("revoked-earlier-writes") { council, _, clock in
            let (alice, bob, carol) = (try await council.enrolMember("alice"), try await council.enrolMember("bob"),
                                       try await council.enrolMember("carol"))
            _ = try await alice.commit([try CouncilHarness.set("avant", "contenu", "écrit avant la révocation")], scope: .council)
            _ = try await alice.sync()
            _ = try await bob.sync()
            clock.advance(seconds: 60)
            // The secretariat has not pulled Alice's note: it syncs before signing, so the revocation lets the note stand.
            try await council.secretariat.sign(.revokeDevice(device: alice.certificate.signingKey, wipe: false))
            try await Self.expectConvergence(on: [bob, carol, council.secretariat], note: "avant", text: "écrit avant la révocation")
        }
    }

    /// Alice's clock runs 90 s fast: her note is stamped after the revocation's date, yet the relay
    /// took it before the revocation. It stands everywhere, judged as of just before the revocation.
    @Test func aWriteStampedAfterTheRevocationsDateButTakenBeforeItStandsEverywhere() async throws {
        try await BackdatedBatchTests.withCouncil("revoked-stamped-after") { council, _, clock in
            let (alice, bob, carol) = (try await council.enrolMember("alice"), try await council.enrolMember("bob"),
                                       try await council.enrolMember("carol"))
            let fast = try await BackdatedBatchTests.backdated(alice, to: clock.now().addingTimeInterval(90))
            _ = try await fast.commit([try CouncilHarness.set("en-avance", "contenu", "horloge en avance")], scope: .council)
            _ = try await fast.sync()
            _ = try await bob.sync()
            clock.advance(seconds: 10)
            try await council.secretariat.sign(.revokeDevice(device: alice.certificate.signingKey, wipe: false))
            try await Self.expectConvergence(on: [bob, carol, council.secretariat], note: "en-avance", text: "horloge en avance")
        }
    }

    /// Bob merged a batch of Alice's that the revocation does not let stand (handed over before the
    /// revocation reached him; a relay restored from an older backup can lose such a batch, as in
    /// the simulation's seed 59): learning of the revocation, he takes it back, like Carol refuses it.
    @Test func aReplicaTakesBackWhatItMergedBeyondTheStandingWrites() async throws {
        try await BackdatedBatchTests.withCouncil("revoked-taken-back") { council, _, clock in
            let (alice, bob, carol) = (try await council.enrolMember("alice"), try await council.enrolMember("bob"),
                                       try await council.enrolMember("carol"))
            _ = try await bob.commit([try CouncilHarness.set("bob", "contenu", "la note de Bob")], scope: .council)
            _ = try await bob.sync()
            clock.advance(seconds: 60)
            try await council.secretariat.sign(.revokeDevice(device: alice.certificate.signingKey, wipe: false))
            let late = try await alice.commit([try CouncilHarness.set("apres", "contenu", "écrit hors ligne")], scope: .council)
            _ = try bob.store.apply(batches: [late])
            #expect(try CouncilHarness.text(bob, scope: .council, kind: "working-note", id: "apres", field: "contenu") != nil)
            let report = try await bob.sync()
            #expect(report.revokedBatchesTakenBack == 1)
            for device in [bob, carol, council.secretariat] { _ = try await device.sync() }
            try await Self.expectConvergence(on: [bob, carol, council.secretariat], note: "bob", text: "la note de Bob")
            #expect(try CouncilHarness.text(bob, scope: .council, kind: "working-note", id: "apres", field: "contenu") == nil)
        }
    }

    /// A dossier version taken back leaves the search index with it: Bob merged and indexed the text
    /// of a version the revocation does not let stand; once he takes it back, no search finds it.
    @Test func aTakenBackDossierVersionIsNoLongerFoundBySearch() async throws {
        try await BackdatedBatchTests.withCouncil("revoked-taken-back-dossier") { council, _, clock in
            let (president, bob) = (try await council.enrolMember("presidente", role: .president), try await council.enrolMember("bob"))
            clock.advance(seconds: 60)
            // The file reaches the relay, the version record stays in the president's outbox.
            let version = try await DossierContentTests.add("Rapport REPRISEMOT sur la voirie", as: "voirie", from: president)
            try await council.secretariat.sign(.revokeDevice(device: president.certificate.signingKey, wipe: false))
            _ = try bob.store.apply(batches: try president.store.outbox())
            #expect(try await DossierContentTests.read(version, on: bob) == "Rapport REPRISEMOT sur la voirie")
            #expect(try DossierIndex(database: bob.store.database).search("reprisemot").map(\.dossier) == ["voirie"])

            #expect(try await bob.sync().revokedBatchesTakenBack == 1)
            #expect(try DossierLibrary(store: bob.store).dossier("voirie") == nil)
            #expect(try DossierIndex(database: bob.store.database).search("reprisemot").isEmpty, "the taken-back text is still found")
        }
    }

    /// Every device syncs twice (each then holds the whole log and every batch), holds `note` and
    /// the same council state.
    static func expectConvergence(on devices: [Device], note: String, text: String) async throws {
        for _ in 0..<2 { for device in devices { _ = try await device.sync() } }
        var digests: [[UInt8]?] = []
        for device in devices {
            #expect(try CouncilHarness.text(device, scope: .council, kind: "working-note", id: note, field: "contenu") == text,
                    "\(device.folder.lastPathComponent) lacks the revoked device's earlier note")
            digests.append(try device.store.scopeDigests()[.council])
        }
        #expect(Set(digests.map { $0 ?? [] }).count == 1, "the council's state differs between replicas")
    }
}
