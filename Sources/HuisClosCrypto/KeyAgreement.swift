import CSodium
import HuisClosL10n

/// An X25519 public key: the address a device receives sealed scope keys at.
///
/// Published in the device's certificate in the membership log, beside its Ed25519 signing key;
/// the two are separate keys (no Ed25519→X25519 conversion) so each serves one purpose.
public struct AgreementPublicKey: Hashable, Sendable, ByteView {
    /// X25519 public keys are 32 bytes.
    public static let length = 32
    /// The raw 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 raw bytes; throws `.invalidLength` on any other length.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.length else {
            throw CryptoError(.invalidLength, Text(fr: "une clé publique X25519 fait \(Self.length) octets, reçu \(bytes.count)",
                en: "an X25519 public key is \(Self.length) bytes, got \(bytes.count)"))
        }
        self.bytes = bytes
    }

    /// The raw key bytes, for libsodium calls and encoders.
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try bytes.withUnsafeBytes(body)
    }
}

/// An X25519 key pair (`crypto_box_keypair`) whose secret half lives in guarded memory.
///
/// A device generates it locally at enrolment; only the public half leaves the device, inside the
/// device certificate. It opens the sealed boxes (`SealedBox`) that carry scope keys.
public struct AgreementKeyPair: Sendable {
    /// X25519 secret keys are 32 bytes; so is the seed they can be derived from.
    public static let secretLength = 32

    /// The public half, to publish.
    public let publicKey: AgreementPublicKey
    /// The 32-byte secret scalar, never copied out of guarded memory except into libsodium calls.
    let secretKey: SecureBytes
    /// The seed the pair derives from, kept so the device can store the key (encrypted) and reload it.
    private let seedBytes: SecureBytes

    /// A new random key pair (from a fresh random seed, as `SigningKeyPair.generate` does).
    public static func generate() throws(CryptoError) -> AgreementKeyPair {
        try fromSeed(SecureBytes.random(count: secretLength))
    }

    /// The key pair derived from a 32-byte seed (`crypto_box_seed_keypair`): how a stored key is
    /// reloaded, and how tests get deterministic keys.
    public static func fromSeed(_ seed: SecureBytes) throws(CryptoError) -> AgreementKeyPair {
        try Sodium.ensureReady()
        guard seed.count == secretLength else { throw CryptoError(.invalidLength, Text(fr: "une graine X25519 fait \(secretLength) octets",
            en: "an X25519 seed is \(secretLength) bytes")) }
        var publicBytes = [UInt8](repeating: 0, count: AgreementPublicKey.length)
        let secret = try SecureBytes(count: secretLength) { (sk: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            let rc = seed.withUnsafeBytes { s in
                crypto_box_seed_keypair(&publicBytes, sk.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                        s.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            guard rc == 0 else { throw CryptoError(.keyDerivationFailed, Text(fr: "crypto_box_seed_keypair a échoué", en: "crypto_box_seed_keypair failed")) }
        }
        return AgreementKeyPair(publicKey: try AgreementPublicKey(bytes: publicBytes), secretKey: secret, seedBytes: seed)
    }

    /// The 32-byte seed, in guarded memory, for storing the key encrypted (reload with `fromSeed`).
    public func seed() -> SecureBytes { seedBytes }
}
