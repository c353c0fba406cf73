import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// A member's scopes reach only the devices the member approved: the secretariat, which certifies
/// devices, cannot certify one of its own in a member's name and read what the member reads.
@Suite struct DeviceApprovalTests {
    /// The secretariat certifies a device it generated for Alice (a "ghost device").
    private func councilWithGhost() throws -> (council: CouncilFixture, ghost: DeviceIdentity) {
        var council = try CouncilFixture()
        let ghost = try council.addDevice(for: council.alice.member, certifiedBy: council.secretariat.signing)
        return (council, ghost)
    }

    @Test func ghostDeviceCertifiedByTheSecretariatGetsNoKeyOfTheMembersScopesUntilApproved() throws {
        var (council, ghost) = try councilWithGhost()
        let alice = council.alice.member
        let scopes = [alice.privateScope, CouncilFixture.group, ScopeID.council]
        #expect(council.state.isDeviceValid(ghost.signing.publicKey, at: council.clock))
        #expect(!council.state.isApproved(ghost.signing.publicKey, at: council.clock))
        for scope in scopes {
            #expect(!council.state.mayRead(device: ghost.signing.publicKey, scope: scope, at: council.clock), "\(scope)")
            #expect(!council.state.mayWrite(device: ghost.signing.publicKey, scope: scope, at: council.clock), "\(scope)")
            #expect(!council.state.entitledDevices(to: scope, at: council.clock).contains(ghost.certificate), "\(scope)")
        }
        #expect(council.state.readableScopes(of: ghost.signing.publicKey, at: council.clock) == [.public])

        // Alice's own device starts her private scope's epoch, the president her group's (epochs of a
        // shared scope are started by an office): nothing is sealed to the ghost.
        var keyrings = [alice.privateScope: ScopeKeyring(device: council.alice), CouncilFixture.group: try council.convenor()]
        for scope in [alice.privateScope, CouncilFixture.group] {
            var keyring = keyrings[scope]!
            let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: .initial, log: &council.log, keyring: &keyring, at: council.tick())
            keyrings[scope] = keyring
            #expect(rotation.sealedKeys.filter { $0.recipient == ghost.signing.publicKey }.isEmpty, "\(scope)")
            #expect(rotation.sealedKeys.contains { $0.recipient == council.alice.signing.publicKey }, "\(scope)")
        }

        // Once Alice approves it from her device, it is entitled and gets the keys.
        try council.log.append(.approveDevice(member: alice, device: ghost.signing.publicKey), signedBy: council.alice.signing, at: council.tick())
        for scope in scopes {
            #expect(council.state.mayWrite(device: ghost.signing.publicKey, scope: scope, at: council.clock), "\(scope)")
        }
        for scope in [alice.privateScope, CouncilFixture.group] {
            let sealed = try ScopeKeyIssuer.share(scope: scope, epoch: 1, with: council.state.entitledDevices(to: scope, at: council.clock),
                                                  keyring: keyrings[scope]!)
            #expect(sealed.filter { $0.recipient == ghost.signing.publicKey }.count == 1, "\(scope)")
        }
    }

    @Test func aGhostDeviceSignsNothingAndOnlyTheMembersApprovedDeviceApprovesIt() throws {
        var (council, ghost) = try councilWithGhost()
        let alice = council.alice.member
        let approval = MembershipEvent.approveDevice(member: alice, device: ghost.signing.publicKey)
        // Neither the ghost itself, nor the secretariat, nor the root, nor another member approves it.
        for signer in [ghost.signing, council.secretariat.signing, council.rootKey, council.bob.signing] {
            #expect(throws: TrustError(.notAuthorised)) { try council.log.append(approval, signedBy: signer, at: council.tick()) }
        }
        // Nor can it act for Alice: revoke her real device, or resign her mandate.
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.revokeDevice(device: council.alice.signing.publicKey, wipe: true), signedBy: ghost.signing, at: council.tick())
        }
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.endMandate(member: alice, reason: .resignation), signedBy: ghost.signing, at: council.tick())
        }
        try council.log.append(approval, signedBy: council.alice.signing, at: council.tick())
        #expect(throws: TrustError(.invalidTransition)) { try council.log.append(approval, signedBy: council.alice.signing, at: council.tick()) }
        #expect(council.state.devices(of: alice).map(\.approvedAt).allSatisfy { $0 != nil })
    }

    @Test func theFirstDeviceIsApprovedAndAMemberWhoLostEveryDeviceIsResetByRevokingThem() throws {
        var (council, ghost) = try councilWithGhost()
        let alice = council.alice.member
        #expect(council.state.isApproved(council.alice.signing.publicKey, at: council.clock))
        // Alice lost her device: the secretariat revokes both; the next device is a first device again.
        for device in [council.alice.signing.publicKey, ghost.signing.publicKey] {
            try council.log.append(.revokeDevice(device: device, wipe: true), signedBy: council.secretariat.signing, at: council.tick())
        }
        let replacement = try council.addDevice(for: alice, certifiedBy: council.secretariat.signing)
        #expect(council.state.mayRead(device: replacement.signing.publicKey, scope: alice.privateScope, at: council.clock))
        // The reset shows in her device list: two revoked, one approved.
        let list = council.state.devices(of: alice)
        #expect(list.count == 3)
        #expect(list.filter { $0.revokedAt != nil }.count == 2)
        #expect(list.last?.certificate == replacement.certificate)
    }

    @Test func aFingerprintIsTenBytesInFiveGroupsAndReadsBackAsTyped() throws {
        let key = try SigningKeyPair.generate().publicKey
        let fingerprint = DeviceFingerprint(of: key)
        let text = fingerprint.description
        #expect(text.count == 24)
        #expect(text.split(separator: "-").map(\.count) == [4, 4, 4, 4, 4])
        #expect(DeviceFingerprint(parsing: text) == fingerprint)
        #expect(DeviceFingerprint(parsing: text.uppercased().replacingOccurrences(of: "-", with: " ")) == fingerprint)
        #expect(DeviceFingerprint(parsing: String(text.dropLast())) == nil)
        #expect(DeviceFingerprint(parsing: "zzzz-" + text.dropFirst(5)) == nil)
    }
}
