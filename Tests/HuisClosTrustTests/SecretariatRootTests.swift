import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// Issue 11, findings 4 and 9: a stolen secretariat device can neither mint secretariat devices
/// nor lock out the trust root's holder.
@Suite struct SecretariatRootTests {
    @Test func aStolenSecretariatDeviceCannotMintASecretariatDevice() throws {
        var council = try CouncilFixture()
        let stolen = council.secretariat.signing
        let ghost = try MemberID.generate()
        try council.log.append(.appointMember(council.appointment(ghost, .secondCircle, scopes: [])), signedBy: stolen, at: council.tick())
        let device = try council.addDevice(for: ghost, certifiedBy: stolen)
        try council.log.append(.endMandate(member: ghost, reason: .term), signedBy: stolen, at: council.tick())
        let asSecretariat = Appointment(member: ghost, role: .secretariat, orderNumber: "arrêté n° 2026-0666", orderDate: council.clock,
                                        mandateEnd: council.clock.adding(seconds: CouncilFixture.threeYears), scopes: [])
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(.appointMember(asSecretariat), signedBy: stolen, at: council.tick()) }
        #expect(council.state.role(of: ghost, at: council.clock) == nil)
        // Even appointed by the root, the member's old device does not follow them into the new role.
        try council.log.append(.appointMember(asSecretariat), signedBy: council.rootKey, at: council.tick())
        #expect(council.state.role(of: ghost, at: council.clock) == .secretariat)
        #expect(!council.state.isDeviceValid(device.signing.publicKey, at: council.clock))
        let victim = MembershipEvent.appointMember(council.appointment(try MemberID.generate(), .secondCircle, scopes: []))
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(victim, signedBy: device.signing, at: council.tick()) }
    }

    @Test func aSecretariatDeviceCannotRevokeTheRootHoldersDeviceNorEndItsMandate() throws {
        var council = try CouncilFixture()
        let holder = council.secretariat!
        let stolen = try council.addDevice(for: holder.member, certifiedBy: council.rootKey)
        let attacks: [MembershipEvent] = [
            .revokeDevice(device: holder.signing.publicKey, wipe: true),
            .endMandate(member: holder.member, reason: .term),
            .endMandate(member: holder.member, reason: .resignation),
        ]
        for attack in attacks {
            #expect(throws: TrustError(.notAuthorised)) { try council.log.append(attack, signedBy: stolen.signing, at: council.tick()) }
        }
        #expect(council.state.isDeviceValid(holder.signing.publicKey, at: council.clock))
        // The root revokes the stolen device; a device may still revoke itself.
        try council.log.append(.revokeDevice(device: stolen.signing.publicKey, wipe: true), signedBy: council.rootKey, at: council.tick())
        let spare = try council.addDevice(for: holder.member, certifiedBy: council.rootKey)
        try council.log.append(.revokeDevice(device: spare.signing.publicKey, wipe: false), signedBy: spare.signing, at: council.tick())
        #expect(!council.state.isDeviceValid(spare.signing.publicKey, at: council.clock))
    }
}
