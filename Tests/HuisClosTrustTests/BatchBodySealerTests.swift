import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// A sealed body opens only under its own (scope, epoch, device, sequence), and its size reveals
/// only its bucket.
@Suite struct BatchBodySealerTests {
    /// Alice holds epoch 1 of the working group and epoch 1 of the council scope, both started by the president.
    private func aliceKeyring() throws -> (council: CouncilFixture, alice: ScopeKeyring) {
        let (council, _, alice) = try keyrings()
        return (council, alice)
    }

    /// The council, the president's keyring (the starter of both epochs) and Alice's.
    private func keyrings() throws -> (council: CouncilFixture, president: ScopeKeyring, alice: ScopeKeyring) {
        var council = try CouncilFixture()
        var president = try council.convenor()
        var alice = ScopeKeyring(device: council.alice)
        for scope in [CouncilFixture.group, ScopeID.council] {
            let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: .initial, log: &council.log, keyring: &president, at: council.tick())
            try council.receive(rotation, into: &alice)
        }
        return (council, president, alice)
    }

    @Test func sealedBodyRoundTripsThroughABatchEnvelope() throws {
        let (council, alice) = try aliceKeyring()
        let ops = Array("set dossier.titre = « Inclusion numérique »".utf8)
        let body = try BatchBodySealer.seal(ops: ops, scope: CouncilFixture.group, epoch: 1,
                                            device: council.alice.signing.publicKey, sequence: 1, keyring: alice)
        #expect(body.count == BodyPadding.bucket(for: ops.count) + AEAD.overhead)
        let batch = try BatchEnvelope.sign(device: council.alice.signing, scope: CouncilFixture.group, epoch: 1, sequence: 1,
                                           previousHash: BatchEnvelope.genesisHash, bodyKind: .sealed, body: body)
        #expect(try BatchBodySealer.open(batch, keyring: alice) == ops)
    }

    @Test func ciphertextMovedBetweenScopesEpochsDevicesOrSequencesFails() throws {
        var (council, president, alice) = try keyrings()
        let device = council.alice.signing.publicKey
        let body = try BatchBodySealer.seal(ops: [1, 2, 3], scope: CouncilFixture.group, epoch: 1, device: device, sequence: 7, keyring: alice)
        let rotation = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .scheduled, log: &council.log,
                                                     keyring: &president, at: council.tick())
        try council.receive(rotation, into: &alice)
        let moves: [(ScopeID, UInt32, SigningPublicKey, UInt64)] = [
            (.council, 1, device, 7),                                   // another scope
            (CouncilFixture.group, 2, device, 7),                       // another epoch
            (CouncilFixture.group, 1, council.bob.signing.publicKey, 7), // another device
            (CouncilFixture.group, 1, device, 8),                       // another position
        ]
        for (scope, epoch, author, sequence) in moves {
            #expect(throws: TrustError(.decryptionFailed)) {
                try BatchBodySealer.open(body: body, scope: scope, epoch: epoch, device: author, sequence: sequence, keyring: alice)
            }
        }
        #expect(try BatchBodySealer.open(body: body, scope: CouncilFixture.group, epoch: 1, device: device, sequence: 7, keyring: alice) == [1, 2, 3])
    }

    @Test func everyFlippedByteOfASealedBodyFails() throws {
        let (council, alice) = try aliceKeyring()
        let device = council.alice.signing.publicKey
        let body = try BatchBodySealer.seal(ops: [9], scope: .council, epoch: 1, device: device, sequence: 1, keyring: alice)
        for index in body.indices {
            var tampered = body
            tampered[index] ^= 0x04
            #expect(throws: TrustError(.decryptionFailed)) {
                try BatchBodySealer.open(body: tampered, scope: .council, epoch: 1, device: device, sequence: 1, keyring: alice)
            }
        }
    }

    @Test func publicScopeAndOversizedOpsAreRefused() throws {
        let (council, alice) = try aliceKeyring()
        let device = council.alice.signing.publicKey
        #expect(throws: TrustError(.notAuthorised)) {
            try BatchBodySealer.seal(ops: [1], scope: .public, epoch: 1, device: device, sequence: 1, keyring: alice)
        }
        let huge = [UInt8](repeating: 0, count: TrustLimits.sealedOpsBytesMax + 1)
        #expect(throws: TrustError(.tooLarge)) {
            try BatchBodySealer.seal(ops: huge, scope: .council, epoch: 1, device: device, sequence: 1, keyring: alice)
        }
    }

    @Test func largestSealedBodyFitsTheBatchLimit() throws {
        let (council, alice) = try aliceKeyring()
        let ops = [UInt8](repeating: 0x41, count: TrustLimits.sealedOpsBytesMax)
        let body = try BatchBodySealer.seal(ops: ops, scope: .council, epoch: 1, device: council.alice.signing.publicKey,
                                            sequence: 1, keyring: alice)
        #expect(body.count <= WireLimits.batchBodyBytesMax)
    }

    @Test func paddingBucketsArePowersOfTwoFrom256ThenMultiplesOf64KiB() throws {
        let expected: [(Int, Int)] = [(0, 256), (255, 256), (256, 512), (511, 512), (1_000, 1_024), (65_535, 65_536),
                                      (65_536, 131_072), (131_071, 131_072), (131_072, 196_608), (1_000_000, 1_048_576)]
        for (count, bucket) in expected { #expect(BodyPadding.bucket(for: count) == bucket, "bucket of \(count)") }
        for count in [0, 1, 255, 256, 70_000] {
            let bytes = [UInt8](repeating: 0x80, count: count)
            #expect(try BodyPadding.unpad(BodyPadding.pad(bytes)) == bytes)
        }
    }

    @Test func nonCanonicalPaddingIsRejected() {
        let padded = BodyPadding.pad([1, 2, 3])
        var noMarker = padded
        noMarker[3] = 0
        var wrongMarker = padded
        wrongMarker[3] = 0x81
        var notABucket = padded
        notABucket.append(0)
        let overPadded = [1, 2, 3, 0x80] + [UInt8](repeating: 0, count: 508)
        for hostile in [noMarker, wrongMarker, notABucket, overPadded, [], [0x80]] {
            #expect(throws: TrustError(.malformed)) { try BodyPadding.unpad(hostile) }
        }
    }
}
