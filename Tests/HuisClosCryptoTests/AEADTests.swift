import HuisClosCrypto
import Testing

@Suite struct AEADTests {
    @Test func sealThenOpenRoundTrips() throws {
        let key = try SecureBytes.random(count: AEAD.keyLength)
        let message = Array("séance du 12 mars".utf8)
        let sealed = try AEAD.seal(message, associatedData: [1, 2, 3], key: key)
        #expect(sealed.count == message.count + AEAD.overhead)
        #expect(try AEAD.open(sealed, associatedData: [1, 2, 3], key: key) == message)
    }

    @Test func nonceIsFreshEachTime() throws {
        let key = try SecureBytes.random(count: AEAD.keyLength)
        let a = try AEAD.seal([0, 0, 0], key: key)
        let b = try AEAD.seal([0, 0, 0], key: key)
        #expect(a[0..<AEAD.nonceLength] != b[0..<AEAD.nonceLength])
    }

    @Test func everyFlippedByteIsDetected() throws {
        let key = try SecureBytes.random(count: AEAD.keyLength)
        let sealed = try AEAD.seal(Array("confidentiel".utf8), associatedData: [9], key: key)
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x01
            #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try AEAD.open(tampered, associatedData: [9], key: key) }
        }
    }

    @Test func otherAssociatedDataOrKeyFails() throws {
        let key = try SecureBytes.random(count: AEAD.keyLength)
        let sealed = try AEAD.seal([1], associatedData: [1], key: key)
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try AEAD.open(sealed, associatedData: [2], key: key) }
        let other = try SecureBytes.random(count: AEAD.keyLength)
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try AEAD.open(sealed, associatedData: [1], key: other) }
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try AEAD.open([1, 2, 3], key: key) }
    }
}
