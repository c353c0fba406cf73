import CSodium
import HuisClosL10n

/// Anonymous public-key encryption to one X25519 key (`crypto_box_seal`), used to hand a scope key
/// to one device.
///
/// A sealed box hides who sealed it, so HuisClos never trusts one alone: the issuer signs a
/// statement about it (see `SealedScopeKey` in HuisClosTrust). Layout: ephemeral public key (32) ‖
/// ciphertext ‖ tag (16). What it opens to is a secret, so `open` returns guarded memory.
public enum SealedBox {
    /// Bytes a sealed box adds to its plaintext (`crypto_box_SEALBYTES`).
    public static let overhead = Int(crypto_box_sealbytes())

    /// Seals `secret` so that only the holder of `recipient`'s secret key can open it.
    public static func seal(_ secret: some ByteView, to recipient: AgreementPublicKey) throws(CryptoError) -> [UInt8] {
        try Sodium.ensureReady()
        let plainCount = secret.withUnsafeBytes { $0.count }
        var output = [UInt8](repeating: 0, count: plainCount + overhead)
        let rc = secret.withUnsafeBytes { s in
            crypto_box_seal(&output, s.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(plainCount), recipient.bytes)
        }
        guard rc == 0 else { throw CryptoError(.invalidLength, Text(fr: "crypto_box_seal refuse la clé du destinataire : est-ce une clé X25519 valide ?",
            en: "crypto_box_seal refused the recipient key: is it a valid X25519 key?")) }
        return output
    }

    /// Opens a box sealed to `recipient`; throws `.authenticationFailed` if it was sealed to another
    /// key or altered. The plaintext goes straight into guarded memory.
    public static func open(_ sealed: some ByteView, with recipient: AgreementKeyPair) throws(CryptoError) -> SecureBytes {
        try Sodium.ensureReady()
        let sealedCount = sealed.withUnsafeBytes { $0.count }
        guard sealedCount > overhead else {
            throw CryptoError(.authenticationFailed, Text(fr: "l'enveloppe scellée fait \(sealedCount) octets, pas plus que son surcoût de \(overhead) octets",
                en: "sealed box is \(sealedCount) bytes, no longer than its \(overhead)-byte overhead"))
        }
        return try SecureBytes(count: sealedCount - overhead) { (out: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            let rc = sealed.withUnsafeBytes { c in
                recipient.secretKey.withUnsafeBytes { sk in
                    crypto_box_seal_open(out.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                         c.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(sealedCount),
                                         recipient.publicKey.bytes, sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
            guard rc == 0 else {
                throw CryptoError(.authenticationFailed, Text(fr: "l'enveloppe scellée ne s'ouvre pas avec la clé de cet appareil : scellée pour un autre appareil, ou modifiée",
                    en: "sealed box does not open with this device's key: sealed to another device, or altered"))
            }
        }
    }
}
