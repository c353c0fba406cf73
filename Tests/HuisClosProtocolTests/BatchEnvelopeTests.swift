import HuisClosCrypto
import HuisClosProtocol
import Testing

@Suite struct BatchEnvelopeTests {
    @Test func goldenVectorDecodesToItsMeaningAndReencodesByteForByte() throws {
        let vector = try GoldenVectors.load("batch-v1.json")
        let bytes = [UInt8](hex: vector["hex"] as! String)
        let batch = try BatchEnvelope(verifying: bytes)
        let meaning = vector["meaning"] as! [String: Any]
        #expect(batch.device.bytes.hex == meaning["device"] as! String)
        #expect(batch.scope.rawValue == meaning["scope"] as! String)
        #expect(batch.epoch == UInt32(meaning["epoch"] as! Int))
        #expect(batch.sequence == UInt64(meaning["sequence"] as! Int))
        #expect(batch.previousHash.hex == meaning["previousHash"] as! String)
        #expect(batch.logPosition == UInt64(meaning["logPosition"] as! Int))
        #expect(batch.bodyKind.rawValue == UInt8(meaning["bodyKind"] as! Int))
        #expect(batch.body.hex == meaning["body"] as! String)
        #expect(batch.hash.hex == meaning["hash"] as! String)
        // Ed25519 is deterministic: signing the same fields with the test key gives the same bytes.
        let again = try BatchEnvelope.sign(device: try GoldenVectors.testDevice(), scope: batch.scope, epoch: batch.epoch,
                                           sequence: batch.sequence, previousHash: batch.previousHash, logPosition: batch.logPosition,
                                           bodyKind: batch.bodyKind, body: batch.body)
        #expect(again.encoded == bytes)
    }

    @Test func everyTruncationIsMalformedNeverATrap() throws {
        let batch = try sample()
        for length in 0..<batch.encoded.count {
            #expect(throws: WireError.self) { try BatchEnvelope(verifying: Array(batch.encoded[0..<length])) }
        }
    }

    @Test func trailingBytesAreRejected() throws {
        let batch = try sample()
        #expect(throws: WireError(.malformed, WireError.Code.malformed.text)) { try BatchEnvelope(verifying: batch.encoded + [0]) }
    }

    @Test func everyFlippedByteIsRejected() throws {
        let batch = try sample()
        for index in batch.encoded.indices {
            var tampered = batch.encoded
            tampered[index] ^= 0x20
            #expect(throws: WireError.self) { try BatchEnvelope(verifying: tampered) }
        }
    }

    @Test func signatureFromAnotherDeviceIsBadSignature() throws {
        let batch = try sample()
        let other = try SigningKeyPair.generate()
        var forged = batch.encoded
        forged.replaceSubrange(4..<36, with: other.publicKey.bytes)
        #expect(throws: WireError(.badSignature, WireError.Code.badSignature.text)) { try BatchEnvelope(verifying: forged) }
    }

    @Test func oversizedBodyIsRefusedBeforeSigning() throws {
        let device = try SigningKeyPair.generate()
        #expect(throws: WireError(.tooLarge, WireError.Code.tooLarge.text)) {
            try BatchEnvelope.sign(device: device, scope: .council, epoch: 1, sequence: 1, previousHash: BatchEnvelope.genesisHash,
                                   bodyKind: .sealed, body: [UInt8](repeating: 0, count: WireLimits.batchBodyBytesMax + 1))
        }
    }

    @Test func chainPositionClassifiesNextDuplicateGapAndFork() throws {
        let device = try SigningKeyPair.generate()
        let first = try BatchEnvelope.sign(device: device, scope: .council, epoch: 1, sequence: 1,
                                           previousHash: BatchEnvelope.genesisHash, bodyKind: .sealed, body: [1])
        let second = try BatchEnvelope.sign(device: device, scope: .council, epoch: 1, sequence: 2,
                                            previousHash: first.hash, bodyKind: .sealed, body: [2])
        let rival = try BatchEnvelope.sign(device: device, scope: .council, epoch: 1, sequence: 2,
                                           previousHash: first.hash, bodyKind: .sealed, body: [3])
        let third = try BatchEnvelope.sign(device: device, scope: .council, epoch: 1, sequence: 3,
                                           previousHash: second.hash, bodyKind: .sealed, body: [4])
        let held = [UInt64(1): first.hash, 2: second.hash]
        #expect(ChainPosition.of(first, head: nil, heldHash: { held[$0] }) == .next)
        #expect(ChainPosition.of(second, head: (1, first.hash), heldHash: { held[$0] }) == .next)
        #expect(ChainPosition.of(second, head: (2, second.hash), heldHash: { held[$0] }) == .duplicate)
        #expect(ChainPosition.of(rival, head: (2, second.hash), heldHash: { held[$0] }) == .fork)
        #expect(ChainPosition.of(third, head: (1, first.hash), heldHash: { held[$0] }) == .gap(expected: 2))
        #expect(ChainPosition.of(rival, head: (1, [UInt8](repeating: 9, count: 32)), heldHash: { held[$0] }) == .fork)
    }

    private func sample() throws -> BatchEnvelope {
        try BatchEnvelope.sign(device: try SigningKeyPair.generate(), scope: try ScopeID("group:budget"), epoch: 3, sequence: 2,
                               previousHash: [UInt8](repeating: 7, count: 32), bodyKind: .sealed, body: Array("ops".utf8))
    }
}
