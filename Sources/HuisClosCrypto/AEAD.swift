import CSodium
import HuisClosL10n

/// XChaCha20-Poly1305-IETF authenticated encryption, the only AEAD HuisClos uses.
///
/// Nonces are 24 random bytes, so they can be drawn afresh for every message without a counter.
/// The sealed layout is `nonce ‖ ciphertext ‖ tag`; associated data is authenticated, not stored.
public enum AEAD {
    public static let keyLength = 32
    public static let nonceLength = 24
    public static let tagLength = 16
    /// Bytes a sealed message adds to its plaintext.
    public static let overhead = nonceLength + tagLength

    /// Encrypts `plaintext` under `key`, binding `associatedData`; returns `nonce ‖ ciphertext ‖ tag`.
    public static func seal(_ plaintext: some ByteView, associatedData: some ByteView = [UInt8](),
                            key: SecureBytes) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureReady()
        guard key.count == keyLength else { throw CryptoError(.invalidLength, Text(fr: "une clé AEAD fait \(keyLength) octets, reçu \(key.count)",
            en: "an AEAD key is \(keyLength) bytes, got \(key.count)")) }
        let plainCount = plaintext.withUnsafeBytes { $0.count }
        var output = [UInt8](repeating: 0, count: nonceLength + plainCount + tagLength)
        output.withUnsafeMutableBytes { out in
            let nonce = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
            randombytes_buf(nonce, nonceLength)
            plaintext.withUnsafeBytes { p in
                associatedData.withUnsafeBytes { ad in
                    key.withUnsafeBytes { k in
                        let rc = crypto_aead_xchacha20poly1305_ietf_encrypt(
                            nonce + nonceLength, nil,
                            p.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(p.count),
                            ad.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(ad.count),
                            nil, nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
                        precondition(rc == 0, "crypto_aead_xchacha20poly1305_ietf_encrypt cannot fail with valid lengths")
                    }
                }
            }
        }
        return output
    }

    /// Decrypts `nonce ‖ ciphertext ‖ tag`; throws `.authenticationFailed` if anything was altered
    /// or the key or associated data differ.
    public static func open(_ sealed: some ByteView, associatedData: some ByteView = [UInt8](),
                            key: SecureBytes) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureReady()
        guard key.count == keyLength else { throw CryptoError(.invalidLength, Text(fr: "une clé AEAD fait \(keyLength) octets, reçu \(key.count)",
            en: "an AEAD key is \(keyLength) bytes, got \(key.count)")) }
        let sealedCount = sealed.withUnsafeBytes { $0.count }
        guard sealedCount >= overhead else {
            throw CryptoError(.authenticationFailed, Text(fr: "le message scellé fait \(sealedCount) octets, moins que son nonce et son étiquette",
                en: "sealed message is \(sealedCount) bytes, shorter than nonce and tag"))
        }
        var output = [UInt8](repeating: 0, count: sealedCount - overhead)
        let rc = output.withUnsafeMutableBytes { out in
            sealed.withUnsafeBytes { s in
                associatedData.withUnsafeBytes { ad in
                    key.withUnsafeBytes { k in
                        let nonce = s.baseAddress!.assumingMemoryBound(to: UInt8.self)
                        return crypto_aead_xchacha20poly1305_ietf_decrypt(
                            out.baseAddress?.assumingMemoryBound(to: UInt8.self), nil, nil,
                            nonce + nonceLength, UInt64(sealedCount - nonceLength),
                            ad.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(ad.count),
                            nonce, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    }
                }
            }
        }
        guard rc == 0 else {
            throw CryptoError(.authenticationFailed, Text(fr: "le déchiffrement a échoué : mauvaise clé, ou données modifiées ou tronquées",
                en: "decryption failed: wrong key, or the data was altered or truncated"))
        }
        return output
    }
}
