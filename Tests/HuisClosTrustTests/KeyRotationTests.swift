import HuisClosCrypto
import HuisClosProtocol
@testable import HuisClosTrust
import Testing

/// Removing someone from a scope or revoking a device starts a new epoch: the party that left
/// keeps what it had and reads nothing written afterwards; those who stay keep the history.
@Suite struct KeyRotationTests {
    private static let batchesPerEpoch = 5

    /// A council whose working group has an epoch 1, started by the president, that Alice and Bob both hold.
    private func groupAtEpochOne() throws -> (council: CouncilFixture, president: ScopeKeyring, alice: ScopeKeyring, bob: ScopeKeyring) {
        var council = try CouncilFixture()
        var president = try council.convenor()
        let rotation = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .initial, log: &council.log,
                                                     keyring: &president, at: council.tick())
        var alice = ScopeKeyring(device: council.alice)
        var bob = ScopeKeyring(device: council.bob)
        try council.receive(rotation, into: &alice)
        try council.receive(rotation, into: &bob)
        return (council, president, alice, bob)
    }

    /// Alice's batches at `epoch`, sequences `from`…, sealed with her keyring.
    private func aliceBatches(_ keyring: ScopeKeyring, epoch: UInt32, from first: UInt64) throws -> [(sequence: UInt64, body: [UInt8])] {
        try (first..<first + UInt64(Self.batchesPerEpoch)).map { sequence in
            (sequence, try BatchBodySealer.seal(ops: Array("avis n° \(sequence)".utf8), scope: CouncilFixture.group, epoch: epoch,
                                                device: keyring.device.signing.publicKey, sequence: sequence, keyring: keyring))
        }
    }

    /// How many of `batches` the holder of `stolen` keys opens, trying every key as the key of
    /// every epoch, with the real associated data (the thief knows the format).
    private func successes(of stolen: [SecureBytes], on batches: [(sequence: UInt64, body: [UInt8])], author: SigningPublicKey) -> Int {
        var opened = 0
        for batch in batches {
            let attempts = stolen.flatMap { key in
                (UInt32(1)...3).map { epoch in
                    try? AEAD.open(batch.body, associatedData: BatchBodySealer.associatedData(
                        scope: CouncilFixture.group, epoch: epoch, device: author, sequence: batch.sequence), key: key)
                }
            }
            opened += attempts.contains { $0 != nil } ? 1 : 0
        }
        return opened
    }

    @Test func removedMemberKeepingAllItsKeysDecryptsNothingSealedAfterRotation() throws {
        var (council, president, alice, bob) = try groupAtEpochOne()
        let before = try aliceBatches(alice, epoch: 1, from: 1)
        // Bob keeps a full copy of every key he ever held.
        let stolen = try bob.heldEpochs(of: CouncilFixture.group).map { try bob.readKey(scope: CouncilFixture.group, epoch: $0) }
        #expect(successes(of: stolen, on: before, author: council.alice.signing.publicKey) == Self.batchesPerEpoch)

        try council.log.append(.removeFromScope(member: council.bob.member, scope: CouncilFixture.group),
                               signedBy: council.secretariat.signing, at: council.tick())
        let rotation = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .memberRemoved, log: &council.log,
                                                     keyring: &president, at: council.tick())
        #expect(!rotation.sealedKeys.contains { $0.recipient == council.bob.signing.publicKey })
        try council.receive(rotation, into: &alice)
        let after = try aliceBatches(alice, epoch: 2, from: UInt64(Self.batchesPerEpoch) + 1)
        #expect(successes(of: stolen, on: after, author: council.alice.signing.publicKey) == 0)
        // Every sealed key of the new epoch is refused to him, and the chain link needs the new key.
        for sealed in rotation.sealedKeys {
            #expect(throws: TrustError.self) { try bob.accept(sealed, membership: council.state, at: council.clock) }
        }
        #expect(throws: TrustError(.keyUnavailable)) { try bob.accept(try #require(rotation.link), membership: council.state) }
        for batch in after {
            #expect(throws: TrustError(.keyUnavailable)) {
                try BatchBodySealer.open(body: batch.body, scope: CouncilFixture.group, epoch: 2,
                                         device: council.alice.signing.publicKey, sequence: batch.sequence, keyring: bob)
            }
        }
    }

    @Test func revokedDeviceReadsNothingSealedAfterRotation() throws {
        var (council, president, alice, bob) = try groupAtEpochOne()
        let stolen = try bob.heldEpochs(of: CouncilFixture.group).map { try bob.readKey(scope: CouncilFixture.group, epoch: $0) }
        try council.log.append(.revokeDevice(device: council.bob.signing.publicKey, wipe: true),
                               signedBy: council.secretariat.signing, at: council.tick())
        #expect(council.state.needsRotation(CouncilFixture.group, at: council.clock))
        let rotation = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .deviceRevoked, log: &council.log,
                                                     keyring: &president, at: council.tick())
        #expect(Set(rotation.sealedKeys.map(\.recipient)) == [council.alice.signing.publicKey, council.president.signing.publicKey])
        try council.receive(rotation, into: &alice)
        let after = try aliceBatches(alice, epoch: 2, from: 1)
        #expect(successes(of: stolen, on: after, author: council.alice.signing.publicKey) == 0)
        #expect(council.state.isWipeOrdered(for: council.bob.signing.publicKey))
    }

    @Test func remainingDevicesReadTheHistoryThroughTheKeyChain() throws {
        var (council, president, alice, _) = try groupAtEpochOne()
        let history = try aliceBatches(alice, epoch: 1, from: 1)
        let aliceTablet = try council.addDevice(for: council.alice.member, certifiedBy: council.secretariat.signing,
                                                approvedBy: council.alice.signing)
        try council.log.append(.removeFromScope(member: council.bob.member, scope: CouncilFixture.group),
                               signedBy: council.secretariat.signing, at: council.tick())
        let rotation = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .memberRemoved, log: &council.log,
                                                     keyring: &president, at: council.tick())
        // The tablet never held epoch 1: it gets epoch 2 sealed, then epoch 1 through the link.
        var tablet = ScopeKeyring(device: aliceTablet)
        try tablet.accept(try #require(rotation.sealedKeys.first { $0.recipient == aliceTablet.signing.publicKey }),
                          membership: council.state, at: council.clock)
        try tablet.accept(try #require(rotation.link), membership: council.state)
        #expect(tablet.heldEpochs(of: CouncilFixture.group) == [1, 2])
        for batch in history {
            let ops = try BatchBodySealer.open(body: batch.body, scope: CouncilFixture.group, epoch: 1,
                                               device: council.alice.signing.publicKey, sequence: batch.sequence, keyring: tablet)
            #expect(ops == Array("avis n° \(batch.sequence)".utf8))
        }
    }

    @Test func linkWhosePreviousKeyIsNotTheCommittedOneIsRejected() throws {
        var (council, president, _, _) = try groupAtEpochOne()
        let rotation = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .scheduled, log: &council.log,
                                                     keyring: &president, at: council.tick())
        let newKey = ScopeKey(scope: CouncilFixture.group, epoch: 2, key: try president.readKey(scope: CouncilFixture.group, epoch: 2))
        let impostor = try KeyChainLink.link(previous: try ScopeKey.generate(scope: CouncilFixture.group, epoch: 1), under: newKey)
        var bob = ScopeKeyring(device: council.bob)
        try bob.accept(try #require(rotation.sealedKeys.first { $0.recipient == council.bob.signing.publicKey }),
                       membership: council.state, at: council.clock)
        #expect(throws: TrustError(.commitmentMismatch)) { try bob.accept(impostor, membership: council.state) }
    }

    @Test func keyringRefusesToWriteWithAnOldEpochOnceANewerIsSeen() throws {
        var (council, president, _, bob) = try groupAtEpochOne()
        _ = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .scheduled, log: &council.log, keyring: &president, at: council.tick())
        let bobDevice = council.bob.signing.publicKey
        // Before Bob sees the new epoch he may still write with epoch 1; once he observes the log, no more.
        _ = try BatchBodySealer.seal(ops: [1], scope: CouncilFixture.group, epoch: 1, device: bobDevice, sequence: 1, keyring: bob)
        bob.observe(council.state)
        #expect(bob.newestEpoch(of: CouncilFixture.group) == 2)
        #expect(throws: TrustError(.staleEpoch)) {
            try BatchBodySealer.seal(ops: [1], scope: CouncilFixture.group, epoch: 1, device: bobDevice, sequence: 2, keyring: bob)
        }
        #expect(throws: TrustError(.staleEpoch)) {
            try BatchBodySealer.seal(ops: [1], scope: CouncilFixture.group, epoch: 1, device: council.president.signing.publicKey,
                                     sequence: 1, keyring: president)
        }
    }
}
