import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// Issue 11, finding 3: no certified device, a guest's included, can fill or freeze the membership
/// log, and the secretariat can always revoke the device that tries.
@Suite struct MembershipFloodTests {
    /// Has `signer` sign `count` records built from the state, a second apart; returns how many the log kept.
    static func flood(_ council: inout CouncilFixture, count: Int, signer: SigningKeyPair,
                      _ event: (MembershipState) throws -> MembershipEvent) throws -> Int {
        var kept = 0
        for _ in 0..<count {
            council.clock = council.clock.adding(seconds: 1)
            if (try? council.log.append(try event(council.state), signedBy: signer, at: council.clock)) != nil { kept += 1 }
        }
        return kept
    }

    /// The next key epoch of `scope`, with a random commitment (a flood needs no real key).
    static func nextEpoch(of scope: ScopeID, in state: MembershipState) throws -> MembershipEvent {
        let current = state.currentEpoch(of: scope)
        let epoch = (current ?? 0) + 1
        let link = epoch > 1 ? KeyChainLink(scope: scope, epoch: epoch, fromEpoch: epoch - 1,
                                            sealedPreviousKey: try Sodium.randomBytes(KeyChainLink.sealedLength)) : nil
        return .startEpoch(scope: scope, epoch: epoch, reason: current == nil ? .initial : .scheduled,
                           commitment: try Sodium.randomBytes(32),
                           keys: EpochKeys(starterSealedKey: try Sodium.randomBytes(EpochKeys.starterSealedLength), link: link))
    }

    @Test func aMemberOrGuestDeviceFloodingTheLogIsRefusedAndTheSecretariatRevokesIt() throws {
        var council = try CouncilFixture()
        let guest = try council.enrol(.guest, scopes: [], appointedBy: council.secretariat.signing, certifiedBy: council.secretariat.signing)
        let before = council.log.records.count
        for attacker in [council.alice!, guest] {
            // Repeated acceptances change nothing: every one is refused.
            let undertaking = MembershipEvent.acceptUndertaking(member: attacker.member, device: attacker.signing.publicKey,
                                                                charterDigest: CouncilFixture.charterDigest)
            #expect(try Self.flood(&council, count: 400, signer: attacker.signing) { _ in undertaking } == 0)
            // Records that do change something (key epochs of the member's own scope) stop at the daily quota.
            let epochs = try Self.flood(&council, count: 400, signer: attacker.signing) { state in
                try Self.nextEpoch(of: attacker.member.privateScope, in: state)
            }
            // The undertaking the device signed at enrolment, today, counts too.
            #expect(epochs == TrustLimits.memberRecordsPerDeviceDayMax - 1)
        }
        #expect(council.log.records.count - before <= 2 * TrustLimits.memberRecordsPerDeviceDayMax)
        for attacker in [council.alice!, guest] {
            try council.log.append(.revokeDevice(device: attacker.signing.publicKey, wipe: true), signedBy: council.secretariat.signing, at: council.tick())
            #expect(!council.state.isDeviceValid(attacker.signing.publicKey, at: council.clock))
        }
        // Every replica folds the same: a device verifying the whole log from the root agrees.
        #expect(try MembershipLog(verifying: council.encodedLog, root: council.root, now: council.clock).records.count == council.log.records.count)
    }

    @Test func theDailyQuotaStartsAgainTheNextUTCDay() throws {
        var council = try CouncilFixture()
        let bob = council.bob!
        #expect(try Self.flood(&council, count: 40, signer: bob.signing) { try Self.nextEpoch(of: bob.member.privateScope, in: $0) }
                == TrustLimits.memberRecordsPerDeviceDayMax - 1)
        council.clock = council.clock.adding(seconds: 86_400)
        try council.log.append(try Self.nextEpoch(of: bob.member.privateScope, in: council.state), signedBy: bob.signing, at: council.clock)
    }

    @Test func aGrantIdenticalToTheOpenOneIsRefusedAsChangingNothing() throws {
        var council = try CouncilFixture()
        let hearing = try ScopeID("hearing:2026-03-dupont")
        let expiry = council.clock.adding(seconds: 86_400)
        let grant = MembershipEvent.addToScope(member: council.alice.member, scope: hearing, access: .read, expiry: expiry)
        try council.log.append(grant, signedBy: council.president.signing, at: council.tick())
        #expect(throws: TrustError(.invalidTransition)) { try council.log.append(grant, signedBy: council.president.signing, at: council.tick()) }
        // A real change of the grant (another access) is a record of its own.
        try council.log.append(.addToScope(member: council.alice.member, scope: hearing, access: .readWrite, expiry: expiry),
                               signedBy: council.president.signing, at: council.tick())
        #expect(council.state.access(of: council.alice.member, to: hearing, at: council.clock) == .readWrite)
    }

    @Test func aRecordDatedTenMinutesAheadDoesNotBlockHonestRecordsAndItsSignerIsRevoked() throws {
        var council = try CouncilFixture()
        let now = council.tick()
        let alice = council.alice!, bob = council.bob!
        // Alice dates a record as far ahead as a device's clock tolerance allows.
        try council.log.append(try Self.nextEpoch(of: alice.member.privateScope, in: council.state), signedBy: alice.signing,
                               at: now.adding(seconds: 600))
        // Bob's device, whose clock is right, signs after it all the same (dated at the head).
        try council.log.append(try Self.nextEpoch(of: bob.member.privateScope, in: council.state), signedBy: bob.signing, at: now)
        #expect(council.state.currentEpoch(of: bob.member.privateScope) == 1)
        try council.log.append(.revokeDevice(device: alice.signing.publicKey, wipe: true), signedBy: council.secretariat.signing, at: now)
        #expect(!council.state.isDeviceValid(alice.signing.publicKey, at: council.state.headTime))
        #expect(try MembershipLog(verifying: council.encodedLog, root: council.root, now: now).state.headIndex == council.state.headIndex)
    }
}
