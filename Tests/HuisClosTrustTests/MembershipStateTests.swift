import HuisClosCouncil
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// The state folded from the log answers who may do what, when — and the rules of the council
/// (mandates, ex officio resignation, hearings, undertaking) hold in it.
@Suite struct MembershipStateTests {
    @Test func deviceIsValidOnlyBetweenCertificationAndRevocation() throws {
        var council = try CouncilFixture()
        let bob = council.bob.signing.publicKey
        let certified = council.clock
        #expect(!council.state.isDeviceValid(bob, at: CouncilFixture.start))
        #expect(council.state.isDeviceValid(bob, at: certified))
        let revoked = council.tick()
        try council.log.append(.revokeDevice(device: bob, wipe: false), signedBy: council.secretariat.signing, at: revoked)
        #expect(council.state.isDeviceValid(bob, at: revoked.adding(seconds: -1)))
        #expect(!council.state.isDeviceValid(bob, at: revoked))
        #expect(!council.state.isWipeOrdered(for: bob))
    }

    @Test func deviceIsInvalidOnceItsMandateEnds() throws {
        let council = try CouncilFixture()
        let end = CouncilFixture.start.adding(seconds: CouncilFixture.threeYears)
        #expect(council.state.isDeviceValid(council.alice.signing.publicKey, at: end.adding(seconds: -1)))
        #expect(!council.state.isDeviceValid(council.alice.signing.publicKey, at: end))
        #expect(council.state.scopes(of: council.alice.member, at: end).isEmpty)
    }

    @Test func memberScopesFollowRoleAndGrants() throws {
        let council = try CouncilFixture()
        let alice = council.alice.member
        #expect(council.state.scopes(of: alice, at: council.clock) ==
                [.council: .readWrite, alice.privateScope: .readWrite, CouncilFixture.group: .readWrite])
        #expect(council.state.scopes(of: council.president.member, at: council.clock) ==
                [.council: .readWrite, council.president.member.privateScope: .readWrite])
        #expect(council.state.access(of: alice, to: council.bob.member.privateScope, at: council.clock) == nil)
    }

    @Test func hearingGuestSeesOnlyTheHearingUntilItExpires() throws {
        var council = try CouncilFixture()
        let hearing = try ScopeID("hearing:2026-03-dupont")
        let guest = try council.enrol(.guest, scopes: [], appointedBy: council.secretariat.signing, certifiedBy: council.secretariat.signing)
        let expiry = council.clock.adding(seconds: 86_400)
        try council.log.append(.addToScope(member: guest.member, scope: hearing, access: .read, expiry: expiry),
                               signedBy: council.president.signing, at: council.tick())
        #expect(council.state.scopes(of: guest.member, at: council.clock) == [guest.member.privateScope: .readWrite, hearing: .read])
        #expect(council.state.entitledDevices(to: hearing, at: council.clock).map(\.member) == [guest.member])
        #expect(council.state.access(of: guest.member, to: hearing, at: expiry) == nil)
        #expect(council.state.entitledDevices(to: hearing, at: expiry).isEmpty)
        #expect(!council.state.mayWrite(device: guest.signing.publicKey, scope: hearing, at: council.clock))
    }

    /// Item 4 of issue 19: the key is sealed to a device from its certification (so one sync of it
    /// reads the council), it reads only once its undertaking is in the log, and revoking it before
    /// that still rotates the scope (it may hold the sealed box).
    @Test func devicesAreSealedKeysFromCertificationAndReadOnlyAfterTheUndertaking() throws {
        var council = try CouncilFixture()
        let carol = try MemberID.generate()
        try council.log.append(.appointMember(council.appointment(carol, .member, scopes: [])),
                               signedBy: council.secretariat.signing, at: council.tick())
        let device = try DeviceIdentity.generate(for: carol)
        try council.log.append(.certifyDevice(device.certificate), signedBy: council.secretariat.signing, at: council.tick())
        #expect(!council.state.mayRead(device: device.signing.publicKey, scope: .council, at: council.clock))
        #expect(council.state.entitledDevices(to: .council, at: council.clock).contains(device.certificate))
        var revoked = council
        try revoked.log.append(.startEpoch(scope: .council, epoch: 1, reason: .initial, commitment: [UInt8](repeating: 7, count: 32),
                                           keys: EpochKeys(starterSealedKey: [UInt8](repeating: 8, count: 80), link: nil)),
                               signedBy: revoked.secretariat.signing, at: revoked.tick())
        #expect(!revoked.state.needsRotation(.council, at: revoked.clock))
        try revoked.log.append(.revokeDevice(device: device.signing.publicKey, wipe: false), signedBy: revoked.secretariat.signing, at: revoked.tick())
        #expect(revoked.state.needsRotation(.council, at: revoked.clock))
        // Another device may not accept on Carol's behalf.
        let onBehalf = MembershipEvent.acceptUndertaking(member: carol, device: device.signing.publicKey,
                                                         charterDigest: CouncilFixture.charterDigest)
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(onBehalf, signedBy: council.secretariat.signing, at: council.tick()) }
        try council.log.append(onBehalf, signedBy: device.signing, at: council.tick())
        #expect(council.state.entitledDevices(to: .council, at: council.clock).contains(device.certificate))
    }

    @Test func renewedMandateStartsWithoutThePreviousMandatesGrants() throws {
        var council = try CouncilFixture()
        let guest = try council.enrol(.guest, scopes: [CouncilFixture.group], appointedBy: council.secretariat.signing,
                                      certifiedBy: council.secretariat.signing)
        // The guest's mandate reaches its term with no end record; a later appointment grants nothing back.
        council.clock = CouncilFixture.start.adding(seconds: CouncilFixture.threeYears + 60)
        let again = Appointment(member: guest.member, role: .guest, orderNumber: "arrêté n° 2029-0007", orderDate: council.clock,
                                mandateEnd: council.clock.adding(seconds: 86_400), scopes: [])
        try council.log.append(.appointMember(again), signedBy: council.rootKey, at: council.tick())
        #expect(council.state.access(of: guest.member, to: CouncilFixture.group, at: council.clock) == nil)
        #expect(council.state.role(of: guest.member, at: council.clock) == .guest)
    }

    @Test func onlyThePresidentDeclaresResignationExOfficio() throws {
        var council = try CouncilFixture()
        let event = MembershipEvent.endMandate(member: council.bob.member, reason: .exOfficio)
        try council.log.append(.reportAbsences(member: council.bob.member, count: 3, reportDigest: CouncilFixture.charterDigest),
                               signedBy: council.secretariat.signing, at: council.tick())
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(event, signedBy: council.secretariat.signing, at: council.tick()) }
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(event, signedBy: council.alice.signing, at: council.tick()) }
        try council.log.append(event, signedBy: council.president.signing, at: council.tick())
        #expect(council.state.role(of: council.bob.member, at: council.clock) == nil)
        #expect(!council.state.isDeviceValid(council.bob.signing.publicKey, at: council.clock))
    }

    @Test func memberMayResignFromOwnDeviceButNotForAnother() throws {
        var council = try CouncilFixture()
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.endMandate(member: council.bob.member, reason: .resignation), signedBy: council.alice.signing, at: council.tick())
        }
        try council.log.append(.endMandate(member: council.alice.member, reason: .resignation), signedBy: council.alice.signing, at: council.tick())
        #expect(council.state.role(of: council.alice.member, at: council.clock) == nil)
    }

    @Test func mandateIsRenewableOnceAndAThirdIsRefused() throws {
        var council = try CouncilFixture()
        let alice = council.alice.member
        let appointAgain = MembershipEvent.appointMember(council.appointment(alice, .member, scopes: []))
        #expect(throws: TrustError(.invalidTransition)) { try council.log.append(appointAgain, signedBy: council.secretariat.signing, at: council.tick()) }
        try council.log.append(.endMandate(member: alice, reason: .term), signedBy: council.secretariat.signing, at: council.tick())
        try council.log.append(appointAgain, signedBy: council.secretariat.signing, at: council.tick())
        try council.log.append(.endMandate(member: alice, reason: .term), signedBy: council.secretariat.signing, at: council.tick())
        #expect(throws: TrustError(.invalidTransition)) { try council.log.append(appointAgain, signedBy: council.secretariat.signing, at: council.tick()) }
    }

    @Test func firstCircleIsCappedAtThirtyMembers() throws {
        var council = try CouncilFixture()
        // The fixture seats the president, Alice and Bob; fill the first circle to 30.
        for _ in 3..<CouncilRules.firstCircleMembersMax {
            try council.log.append(.appointMember(council.appointment(try MemberID.generate(), .member, scopes: [])),
                                   signedBy: council.secretariat.signing, at: council.tick())
        }
        let thirtyFirst = MembershipEvent.appointMember(council.appointment(try MemberID.generate(), .member, scopes: []))
        #expect(throws: TrustError(.invalidTransition)) { try council.log.append(thirtyFirst, signedBy: council.secretariat.signing, at: council.tick()) }
        // Second-circle members are not counted.
        try council.log.append(.appointMember(council.appointment(try MemberID.generate(), .secondCircle, scopes: [])),
                               signedBy: council.secretariat.signing, at: council.tick())
    }

    @Test func presidentManagesWorkingGroupsButNotOtherScopes() throws {
        var council = try CouncilFixture()
        let theme = try ScopeID("theme:inclusion")
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.addToScope(member: council.alice.member, scope: theme, access: .read, expiry: nil),
                                   signedBy: council.president.signing, at: council.tick())
        }
        try council.log.append(.removeFromScope(member: council.bob.member, scope: CouncilFixture.group),
                               signedBy: council.president.signing, at: council.tick())
        #expect(council.state.access(of: council.bob.member, to: CouncilFixture.group, at: council.clock) == nil)
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(.removeFromScope(member: council.bob.member, scope: CouncilFixture.group),
                                   signedBy: council.president.signing, at: council.tick())
        }
    }

    @Test func aDeviceKeyIsCertifiedOnceAndDevicesPerMemberAreBounded() throws {
        var council = try CouncilFixture()
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(.certifyDevice(council.alice.certificate), signedBy: council.secretariat.signing, at: council.tick())
        }
        for _ in 1..<TrustLimits.activeDevicesPerMemberMax {
            _ = try council.addDevice(for: council.alice.member, certifiedBy: council.secretariat.signing)
        }
        #expect(throws: TrustError(.invalidTransition)) {
            _ = try council.addDevice(for: council.alice.member, certifiedBy: council.secretariat.signing)
        }
    }

    @Test func epochsAdvanceOneAtATimeAndRemovalCallsForRotation() throws {
        var council = try CouncilFixture()
        var keyring = try council.convenor()
        let group = CouncilFixture.group
        #expect(council.state.currentEpoch(of: group) == nil)
        _ = try ScopeKeyIssuer.startEpoch(of: group, reason: .initial, log: &council.log, keyring: &keyring, at: council.tick())
        #expect(council.state.currentEpoch(of: group) == 1)
        #expect(!council.state.needsRotation(group, at: council.clock))
        let skipping = MembershipEvent.startEpoch(scope: group, epoch: 3, reason: .scheduled, commitment: [UInt8](repeating: 1, count: 32),
                                                  keys: EpochKeys(starterSealedKey: [UInt8](repeating: 2, count: 80), link: nil))
        #expect(throws: TrustError(.invalidTransition)) { try council.log.append(skipping, signedBy: council.president.signing, at: council.tick()) }
        try council.log.append(.removeFromScope(member: council.bob.member, scope: group), signedBy: council.secretariat.signing, at: council.tick())
        #expect(council.state.needsRotation(group, at: council.clock))
        _ = try ScopeKeyIssuer.startEpoch(of: group, reason: .memberRemoved, log: &council.log, keyring: &keyring, at: council.tick())
        #expect(council.state.currentEpoch(of: group) == 2)
        #expect(!council.state.needsRotation(group, at: council.clock))
    }

    @Test func memberWhoJoinedMidEpochAndLeftCallsForRotationToo() throws {
        var council = try CouncilFixture()
        var keyring = try council.convenor()
        let group = CouncilFixture.group
        _ = try ScopeKeyIssuer.startEpoch(of: group, reason: .initial, log: &council.log, keyring: &keyring, at: council.tick())
        let late = try council.enrol(.secondCircle, scopes: [], appointedBy: council.secretariat.signing, certifiedBy: council.secretariat.signing)
        try council.log.append(.addToScope(member: late.member, scope: group, access: .read, expiry: nil),
                               signedBy: council.secretariat.signing, at: council.tick())
        #expect(!council.state.needsRotation(group, at: council.clock))
        try council.log.append(.removeFromScope(member: late.member, scope: group), signedBy: council.secretariat.signing, at: council.tick())
        #expect(council.state.needsRotation(group, at: council.clock))
    }

    @Test func onlyWritersOfAScopeStartItsEpochs() throws {
        var council = try CouncilFixture()
        var presidentKeys = ScopeKeyring(device: council.president)
        #expect(throws: TrustError(.notAuthorised)) {
            _ = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .initial, log: &council.log,
                                              keyring: &presidentKeys, at: council.tick())
        }
        #expect(council.state.currentEpoch(of: CouncilFixture.group) == nil)
        #expect(presidentKeys.heldEpochs(of: CouncilFixture.group).isEmpty)
    }
}
