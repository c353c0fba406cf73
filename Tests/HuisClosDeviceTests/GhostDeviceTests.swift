import Foundation
import HuisClosCrypto
@testable import HuisClosDevice
import HuisClosProtocol
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// The secretariat certifies devices, but a member's keys reach only the devices the member approved.
@Suite(.tags(.slow)) struct GhostDeviceTests {
    @Test func aGhostDeviceCertifiedByTheSecretariatReceivesNoKeyOfTheMemberUntilTheMemberApprovesIt() async throws {
        try await TestServer.with("ghost") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let notes = alice.member.privateScope
            try await alice.commit([try CouncilHarness.set("carnet", "contenu", "mes notes")], scope: notes)
            _ = try await alice.sync()

            // The secretariat enrols a device it holds in Alice's name and certifies it; every device syncs.
            let ghost = try await council.enrolDevice("fantome", of: alice.member)
            let told = try await alice.sync()
            _ = try await ghost.sync()
            let before = await ghost.context.keyring
            for scope in [notes, ScopeID.council] {
                #expect(before.heldEpochs(of: scope).isEmpty, "\(scope)")
                #expect(await !ghost.membership.mayWrite(device: ghost.certificate.signingKey, scope: scope, at: council.instant), "\(scope)")
            }
            #expect(try CouncilHarness.text(ghost, scope: notes, kind: "working-note", id: "carnet", field: "contenu") == nil)
            await #expect(throws: (any Error).self) { try await ghost.commit([try CouncilHarness.set("faux", "contenu", "x")], scope: .council) }
            #expect(await !ghost.isApproved)

            // Alice's sync told her a device awaits approval, with the fingerprint the device shows.
            let fingerprint = await ghost.fingerprint
            #expect(told.devicesAwaitingApproval.map(\.fingerprint) == [fingerprint])
            try await alice.approveDevice(fingerprint)
            _ = try await alice.sync()  // seals her keys to the device she approved
            _ = try await ghost.sync()
            let after = await ghost.context.keyring
            for scope in [notes, ScopeID.council] { #expect(!after.heldEpochs(of: scope).isEmpty, "\(scope)") }
            #expect(try CouncilHarness.text(ghost, scope: notes, kind: "working-note", id: "carnet", field: "contenu") == "mes notes")
            #expect(await alice.devicesAwaitingApproval.isEmpty)
        }
    }
}
