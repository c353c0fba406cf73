import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosProtocol
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// The whole path through the real client, engine and relay: enrol, commit sealed, sync, decrypt.
@Suite(.tags(.slow)) struct EndToEndTests {
    @Test func aDossierWrittenOnOneDeviceIsReadOnAnotherAfterSync() async throws {
        try await TestServer.with("e2e") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let batch = try await council.secretariat.commit([try CouncilHarness.set("d1", "titre", "Fracture numérique à Bobigny")], scope: .council)
            #expect(batch.bodyKind == .sealed)
            #expect(batch.epoch == 1)
            _ = try await council.secretariat.sync()
            _ = try await alice.sync()
            #expect(try CouncilHarness.text(alice, scope: .council, kind: "working-note", id: "d1", field: "titre") == "Fracture numérique à Bobigny")

            try await alice.commit([try CouncilHarness.set("d1", "avis", "favorable")], scope: .council)
            _ = try await alice.sync()
            _ = try await council.secretariat.sync()
            #expect(try CouncilHarness.text(council.secretariat, scope: .council, kind: "working-note", id: "d1", field: "avis") == "favorable")
        }
    }

    @Test func aDeviceReopensWithItsKeysFromTheEncryptedReplicaOnly() async throws {
        try await TestServer.with("reopen") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            try await alice.commit([try CouncilHarness.set("d2", "titre", "Inclusion")], scope: .council)
            let folder = alice.folder
            try await alice.lock()
            let reopened = try Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: council.clock.now)
            #expect(await reopened.membership.isDeviceValid(reopened.certificate.signingKey, at: council.instant))
            try await reopened.commit([try CouncilHarness.set("d2", "avis", "réservé")], scope: .council)
            _ = try await reopened.sync()
            _ = try await council.secretariat.sync()
            #expect(try CouncilHarness.text(council.secretariat, scope: .council, kind: "working-note", id: "d2", field: "avis") == "réservé")
        }
    }
}
