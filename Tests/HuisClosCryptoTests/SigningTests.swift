import HuisClosCrypto
import Testing

@Suite struct SigningTests {
    @Test func signatureVerifiesOnlyForItsMessageAndKey() throws {
        let pair = try SigningKeyPair.generate()
        let signature = pair.sign(Array("lot 7".utf8))
        try pair.publicKey.verify(signature, of: Array("lot 7".utf8))
        #expect(throws: CryptoError(.badSignature, CryptoError.Code.badSignature.text)) { try pair.publicKey.verify(signature, of: Array("lot 8".utf8)) }
        let other = try SigningKeyPair.generate()
        #expect(throws: CryptoError(.badSignature, CryptoError.Code.badSignature.text)) { try other.publicKey.verify(signature, of: Array("lot 7".utf8)) }
        var forged = signature
        forged[10] ^= 0x40
        #expect(throws: CryptoError(.badSignature, CryptoError.Code.badSignature.text)) { try pair.publicKey.verify(forged, of: Array("lot 7".utf8)) }
    }

    @Test func seedReloadsTheSameKeyPair() throws {
        let pair = try SigningKeyPair.generate()
        let again = try SigningKeyPair.fromSeed(try pair.seed())
        #expect(again.publicKey == pair.publicKey)
    }

    @Test func wrongLengthsAreTypedErrors() {
        #expect(throws: CryptoError(.invalidLength, CryptoError.Code.invalidLength.text)) { try SigningPublicKey(bytes: [1, 2]) }
    }
}
