import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// Issue 11, findings 1 and 2: an epoch exists only with what makes it usable, is started only by
/// the scope's authority, and a dangling one is superseded, never needed.
@Suite struct EpochAuthorityTests {
    /// A `startEpoch` record's keys with random bytes: no key anyone can open, a link that opens nothing.
    private func garbageKeys(scope: ScopeID, epoch: UInt32) -> EpochKeys {
        EpochKeys(starterSealedKey: random(EpochKeys.starterSealedLength),
                  link: epoch > 1 ? KeyChainLink(scope: scope, epoch: epoch, fromEpoch: epoch - 1, sealedPreviousKey: random(KeyChainLink.sealedLength)) : nil)
    }

    private func random(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255) }
    }

    /// The council scope at epoch 1, started by the secretariat's device; Alice holds the key.
    private func councilAtEpochOne() throws -> (council: CouncilFixture, secretariat: ScopeKeyring, alice: ScopeKeyring) {
        var council = try CouncilFixture()
        var secretariat = ScopeKeyring(device: council.secretariat)
        let rotation = try ScopeKeyIssuer.startEpoch(of: .council, reason: .initial, log: &council.log, keyring: &secretariat, at: council.tick())
        var alice = ScopeKeyring(device: council.alice)
        try council.receive(rotation, into: &alice)
        return (council, secretariat, alice)
    }

    @Test func memberCannotFreezeAScopeWithADanglingEpoch() throws {
        var (council, _, _) = try councilAtEpochOne()
        // Alice writes the council scope and the working group, but holds no authority over their keys.
        for scope in [ScopeID.council, CouncilFixture.group] {
            let epoch = (council.state.currentEpoch(of: scope) ?? 0) + 1
            let freeze = MembershipEvent.startEpoch(scope: scope, epoch: epoch, reason: .scheduled,
                                                    commitment: Hash.blake2b(Array("random".utf8)), keys: garbageKeys(scope: scope, epoch: epoch))
            #expect(throws: TrustError(.notAuthorised)) { try council.log.append(freeze, signedBy: council.alice.signing, at: council.tick()) }
            // Every verifier refuses it, not only an honest signer: a forged record does not verify either.
            let forged = try council.forge(freeze, signer: council.alice.signing)
            var replica = council.log
            #expect(throws: TrustError(.notAuthorised)) { try replica.receive(forged.encoded, now: council.clock) }
        }
        #expect(council.state.currentEpoch(of: .council) == 1)
        // Her own private scope is hers to key.
        var aliceKeys = ScopeKeyring(device: council.alice)
        _ = try ScopeKeyIssuer.startEpoch(of: council.alice.member.privateScope, reason: .initial, log: &council.log,
                                          keyring: &aliceKeys, at: council.tick())
        #expect(!council.state.mayStartEpoch(device: council.bob.signing.publicKey, scope: council.alice.member.privateScope, at: council.clock))
    }

    @Test func danglingEpochFromAStolenOfficeDeviceIsSupersededAndHistoryStaysReachable() throws {
        var (council, secretariat, alice) = try councilAtEpochOne()
        // The president's stolen device starts epoch 2 with a random commitment and shares no key.
        let dangling = MembershipEvent.startEpoch(scope: .council, epoch: 2, reason: .scheduled,
                                                  commitment: Hash.blake2b(Array("random".utf8)), keys: garbageKeys(scope: .council, epoch: 2))
        try council.log.append(dangling, signedBy: council.president.signing, at: council.tick())
        alice.observe(council.state)
        #expect(throws: TrustError(.keyUnavailable)) { try alice.writeKey(scope: .council, epoch: 2) }
        // The secretariat supersedes it: epoch 3, linked from epoch 1, the newest it holds.
        let superseding = try ScopeKeyIssuer.startEpoch(of: .council, reason: .scheduled, log: &council.log, keyring: &secretariat, at: council.tick())
        #expect(superseding.link?.fromEpoch == 1)
        try council.receive(superseding, into: &alice)
        _ = try alice.writeKey(scope: .council, epoch: 3)
        // A device certified afterwards gets epoch 3 only, and reaches epoch 1 down the link in the log.
        let tablet = try council.addDevice(for: council.alice.member, certifiedBy: council.secretariat.signing, approvedBy: council.alice.signing)
        let forTablet = try ScopeKeyIssuer.share(scope: .council, epoch: 3, with: [tablet.certificate], keyring: secretariat)
        var tabletKeys = ScopeKeyring(device: tablet)
        try tabletKeys.accept(try #require(forTablet.first), membership: council.state, at: council.clock)
        #expect(tabletKeys.observe(council.state) == 1)
        #expect(tabletKeys.heldEpochs(of: .council) == [1, 3])
        // The secretariat still rotates.
        let next = try ScopeKeyIssuer.startEpoch(of: .council, reason: .scheduled, log: &council.log, keyring: &secretariat, at: council.tick())
        #expect(next.link?.fromEpoch == 3)
    }

    @Test func starterRecoversItsOwnKeyFromTheLogAlone() throws {
        var council = try CouncilFixture()
        var secretariat = ScopeKeyring(device: council.secretariat)
        _ = try ScopeKeyIssuer.startEpoch(of: .council, reason: .initial, log: &council.log, keyring: &secretariat, at: council.tick())
        _ = try ScopeKeyIssuer.startEpoch(of: .council, reason: .scheduled, log: &council.log, keyring: &secretariat, at: council.tick())
        // A restored device with no sealed key at all: its own copies in the records give it both epochs.
        var restored = ScopeKeyring(device: council.secretariat)
        #expect(restored.observe(council.state) == 2)
        #expect(restored.heldEpochs(of: .council) == [1, 2])
        // Nobody else can open the starter's copy.
        var alice = ScopeKeyring(device: council.alice)
        #expect(alice.observe(council.state) == 0)
    }

    @Test func garbageLinkInAnOfficesRecordIsRefusedAndHistoryIsSealedDirectly() throws {
        var (council, secretariat, _) = try councilAtEpochOne()
        // The stolen president's device starts epoch 2 with a real key shared to all, but a garbage link.
        var president = ScopeKeyring(device: council.president)
        let real = try ScopeKey.generate(scope: .council, epoch: 2)
        let garbage = EpochKeys(starterSealedKey: try SealedBox.seal(real.key, to: council.president.agreement.publicKey),
                                link: KeyChainLink(scope: .council, epoch: 2, fromEpoch: 1, sealedPreviousKey: [UInt8](repeating: 7, count: 72)))
        try council.log.append(.startEpoch(scope: .council, epoch: 2, reason: .scheduled, commitment: real.commitment, keys: garbage),
                               signedBy: council.president.signing, at: council.tick())
        president.observe(council.state)
        let shared = try ScopeKeyIssuer.share(scope: .council, epoch: 2, with: [council.secretariat.certificate], keyring: president)
        try secretariat.accept(try #require(shared.first), membership: council.state, at: council.clock)
        // A newcomer given epoch 2 cannot reach epoch 1 down the log: the secretariat sees it, and seals epoch 1 to it directly.
        #expect(secretariat.epochsOffTheChain(of: .council, from: 2, membership: council.state) == [1])
        let tablet = try council.addDevice(for: council.alice.member, certifiedBy: council.secretariat.signing, approvedBy: council.alice.signing)
        var tabletKeys = ScopeKeyring(device: tablet)
        for epoch: UInt32 in [2, 1] {
            let sealed = try ScopeKeyIssuer.share(scope: .council, epoch: epoch, with: [tablet.certificate], keyring: secretariat)
            try tabletKeys.accept(try #require(sealed.first), membership: council.state, at: council.clock)
        }
        #expect(tabletKeys.heldEpochs(of: .council) == [1, 2])
        // The garbage link itself is refused by any holder of epoch 2: it opens to nothing committed.
        var secondTablet = ScopeKeyring(device: tablet)
        try secondTablet.accept(try ScopeKeyIssuer.share(scope: .council, epoch: 2, with: [tablet.certificate], keyring: secretariat)[0],
                                membership: council.state, at: council.clock)
        let link = try #require(garbage.link)
        #expect(throws: TrustError(.decryptionFailed)) { try secondTablet.accept(link, membership: council.state) }
    }
}
