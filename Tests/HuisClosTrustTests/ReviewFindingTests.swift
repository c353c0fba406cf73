import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// The attacker review of the merged trust hardening (issue 11): its proofs of concept, turned
/// into tests that the attacks now fail.
@Suite struct ReviewFindingTests {
    /// M1: a stolen secretariat device ends Alice's mandate, re-appoints her in another role and
    /// certifies a device of its own in her name. Her real device lost its validity (bound to the
    /// old role) but was never revoked, so the ghost is not her "first device": it stays unapproved
    /// and reads nothing of hers. Only visible revocations reset a member's identity.
    @Test func aRoleChangeWithoutRevocationDoesNotApproveAGhostDevice() throws {
        var council = try CouncilFixture()
        let stolen = council.secretariat.signing
        let alice = council.alice!
        try council.log.append(.endMandate(member: alice.member, reason: .term), signedBy: stolen, at: council.tick())
        let now = council.tick()
        try council.log.append(.appointMember(Appointment(member: alice.member, role: .secondCircle, orderNumber: "arrêté n° 2026-0999",
                                                          orderDate: now, mandateEnd: now.adding(seconds: CouncilFixture.threeYears),
                                                          scopes: [CouncilFixture.group])),
                               signedBy: stolen, at: now)
        let ghost = try DeviceIdentity.generate(for: alice.member)
        try council.log.append(.certifyDevice(ghost.certificate), signedBy: stolen, at: council.tick())
        #expect(!council.state.isApproved(ghost.signing.publicKey, at: council.clock))
        for scope in [alice.member.privateScope, CouncilFixture.group] {
            #expect(!council.state.mayRead(device: ghost.signing.publicKey, scope: scope, at: council.clock), "\(scope)")
        }
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.endMandate(member: alice.member, reason: .resignation), signedBy: ghost.signing, at: council.tick())
        }
        // The visible way: the secretariat revokes her old device; the next one is a first device again.
        try council.log.append(.revokeDevice(device: alice.signing.publicKey, wipe: false), signedBy: stolen, at: council.tick())
        try council.log.append(.revokeDevice(device: ghost.signing.publicKey, wipe: false), signedBy: stolen, at: council.tick())
        let replacement = try DeviceIdentity.generate(for: alice.member)
        try council.log.append(.certifyDevice(replacement.certificate), signedBy: stolen, at: council.tick())
        #expect(council.state.isApproved(replacement.signing.publicKey, at: council.clock))
    }

    /// M2: a hearing guest past the grant's expiry names a log position from before it and dates its
    /// operations just before the expiry: once the log holds a later record issued after the expiry,
    /// the right counts as lost after that position, and the batch is refused.
    @Test func anExpiredGuestCannotBackdateWritesToBeforeTheExpiry() throws {
        var council = try CouncilFixture()
        let hearing = try ScopeID("hearing:h1")
        let guest = try council.enrol(.guest, scopes: [], appointedBy: council.secretariat.signing, certifiedBy: council.secretariat.signing)
        let expiry = council.clock.adding(seconds: 3600)
        try council.log.append(.addToScope(member: guest.member, scope: hearing, access: .readWrite, expiry: expiry),
                               signedBy: council.secretariat.signing, at: council.tick())
        let position = council.state.headIndex
        #expect(!council.state.lostWriteRight(of: guest.signing.publicKey, to: hearing, after: position, sequence: 1), "still in time")
        council.clock = council.clock.adding(seconds: 7 * 86_400)
        try council.log.append(.addToScope(member: council.bob.member, scope: hearing, access: .readWrite, expiry: nil),
                               signedBy: council.secretariat.signing, at: council.tick())
        #expect(council.state.lostWriteRight(of: guest.signing.publicKey, to: hearing, after: position, sequence: 1))
    }

    /// M2 for a mandate that reached its term with no end record.
    @Test func aMemberPastTheTermCannotBackdateWritesOnceTheLogMovedPastIt() throws {
        var council = try CouncilFixture()
        let bob = council.bob!
        let position = council.state.headIndex
        council.clock = CouncilFixture.start.adding(seconds: CouncilFixture.threeYears + 86_400)
        #expect(!council.state.lostWriteRight(of: bob.signing.publicKey, to: CouncilFixture.group, after: position, sequence: 1),
                "no record after the term yet: a late honest batch and a backdated one look alike (documented)")
        let now = council.tick()  // the log moves on: a newcomer is appointed after Bob's term
        try council.log.append(.appointMember(Appointment(member: try MemberID(bytes: [UInt8](repeating: 0x77, count: 16)), role: .member,
                                                          orderNumber: "arrêté n° 2029-0001", orderDate: now,
                                                          mandateEnd: now.adding(seconds: CouncilFixture.threeYears), scopes: [])),
                               signedBy: council.rootKey, at: now)
        #expect(council.state.lostWriteRight(of: bob.signing.publicKey, to: CouncilFixture.group, after: position, sequence: 1))
    }
}
