import HuisClosCrypto
import Testing

@Suite struct SealedBoxTests {
    @Test func sealedBoxOpensOnlyForItsRecipient() throws {
        let recipient = try AgreementKeyPair.generate()
        let other = try AgreementKeyPair.generate()
        let secret = try SecureBytes.random(count: 32)
        let sealed = try SealedBox.seal(secret, to: recipient.publicKey)
        #expect(sealed.count == 32 + SealedBox.overhead)
        #expect(Sodium.constantTimeEqual(try SealedBox.open(sealed, with: recipient), secret))
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try SealedBox.open(sealed, with: other) }
    }

    @Test func everyFlippedByteOfASealedBoxIsDetected() throws {
        let recipient = try AgreementKeyPair.generate()
        let sealed = try SealedBox.seal([UInt8](repeating: 7, count: 32), to: recipient.publicKey)
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x01
            #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try SealedBox.open(tampered, with: recipient) }
        }
    }

    @Test func shortSealedBoxesAreRefusedNotTrapped() throws {
        let recipient = try AgreementKeyPair.generate()
        for length in 0...SealedBox.overhead {
            #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) {
                try SealedBox.open([UInt8](repeating: 0, count: length), with: recipient)
            }
        }
    }

    @Test func agreementKeysReloadFromSeedAndRefuseWrongLengths() throws {
        let seed = try SecureBytes(copying: [UInt8](repeating: 5, count: AgreementKeyPair.secretLength))
        let a = try AgreementKeyPair.fromSeed(seed)
        let b = try AgreementKeyPair.fromSeed(seed)
        #expect(a.publicKey == b.publicKey)
        let fresh = try AgreementKeyPair.generate()
        #expect(fresh.publicKey != a.publicKey)
        #expect(try AgreementKeyPair.fromSeed(fresh.seed()).publicKey == fresh.publicKey)
        #expect(throws: CryptoError(.invalidLength, CryptoError.Code.invalidLength.text)) { try AgreementPublicKey(bytes: [1, 2, 3]) }
        #expect(throws: CryptoError(.invalidLength, CryptoError.Code.invalidLength.text)) { try AgreementKeyPair.fromSeed(try SecureBytes.random(count: 16)) }
    }
}
