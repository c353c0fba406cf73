import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// Two devices append to the membership log without seeing each other's record first (two
/// members syncing at once): the relay keeps the first; the second pulls it and signs its record
/// again on the new head instead of failing.
@Suite(.tags(.slow)) struct ConcurrentAppendTests {
    @Test func aRecordSignedOnAStaleHeadIsSignedAgainAfterAnotherDevicesRecord() async throws {
        try await TestServer.with("concurrent-append") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let secretariat = council.secretariat
            let alice = try await appointAndEnrol("alice", council)
            // Alice's first sync appends her undertaking and her private scope's first epoch:
            // the secretariat's copy of the log is now behind the relay's.
            _ = try await alice.sync()
            let before = await secretariat.membership.headIndex
            let bruno = try MemberID.generate()
            try await secretariat.sign(.appointMember(Appointment(member: bruno, role: .member, orderNumber: "2026-bruno", orderDate: council.instant,
                                                                  mandateEnd: council.instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            let after = await secretariat.membership
            #expect(after.headIndex > before + 1, "the secretariat pulled Alice's records before signing again")
            #expect(after.role(of: bruno, at: council.instant) == .member)

            // The same for a key epoch: Alice's device is behind when the secretariat rotates the council key.
            _ = try await alice.sync()
            let chloe = try await appointAndEnrol("chloe", council)
            _ = try await chloe.sync()
            try await alice.startEpoch(of: alice.member.privateScope, reason: .scheduled)
            #expect(await alice.membership.currentEpoch(of: alice.member.privateScope) == 2)
            _ = try await secretariat.sync()
            #expect(await secretariat.membership.currentEpoch(of: alice.member.privateScope) == 2)
        }
    }

    /// Appoints `name`, enrols and certifies a device of theirs, without syncing it.
    private func appointAndEnrol(_ name: String, _ council: CouncilHarness) async throws -> Device {
        let member = try MemberID.generate()
        try await council.secretariat.sign(.appointMember(Appointment(member: member, role: .member, orderNumber: "2026-\(name)", orderDate: council.instant,
                                                                      mandateEnd: council.instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
        let (code, _) = try await council.secretariat.enrolmentCode(adminToken: TestServer.adminToken)
        let device = try await Device.enrol(folder: council.folder.url.appendingPathComponent(name), server: council.serverURL, code: code,
                                            passphrase: CouncilHarness.passphrase, member: member,
                                            trustRoot: await council.secretariat.membership.root.publicKey, charterDigest: CouncilHarness.charter,
                                            now: council.clock.now, limits: .interactive)
        try await council.secretariat.sign(.certifyDevice(device.certificate))
        return device
    }
}
