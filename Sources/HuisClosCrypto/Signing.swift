import CSodium
import HuisClosL10n

/// An Ed25519 public key: identifies a device (or the secretariat's trust root) and verifies its signatures.
public struct SigningPublicKey: Hashable, Sendable, ByteView {
    public static let length = 32
    /// The raw 32 bytes.
    public let bytes: [UInt8]

    /// Wraps 32 raw bytes; throws on any other length.
    public init(bytes: [UInt8]) throws(CryptoError) {
        guard bytes.count == Self.length else {
            throw CryptoError(.invalidLength, Text(fr: "une clé publique Ed25519 fait \(Self.length) octets, reçu \(bytes.count)",
                en: "an Ed25519 public key is \(Self.length) bytes, got \(bytes.count)"))
        }
        self.bytes = bytes
    }

    /// Checks `signature` over `message`; throws `.badSignature` if it does not verify.
    public func verify(_ signature: [UInt8], of message: some ByteView) throws(CryptoError) {
        try Sodium.ensureReady()
        guard signature.count == SigningKeyPair.signatureLength else {
            throw CryptoError(.badSignature, Text(fr: "une signature Ed25519 fait \(SigningKeyPair.signatureLength) octets, reçu \(signature.count)",
                en: "an Ed25519 signature is \(SigningKeyPair.signatureLength) bytes, got \(signature.count)"))
        }
        let rc = message.withUnsafeBytes { m in
            crypto_sign_verify_detached(signature, m.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(m.count), bytes)
        }
        guard rc == 0 else { throw CryptoError(.badSignature, Text(fr: "la signature ne correspond pas à cette clé et à ce message",
            en: "the signature does not match this key and message")) }
    }

    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try bytes.withUnsafeBytes(body)
    }
}

/// An Ed25519 key pair whose secret half lives in guarded memory and never leaves the device.
public struct SigningKeyPair: Sendable {
    public static let signatureLength = 64
    public static let seedLength = 32

    public let publicKey: SigningPublicKey
    /// The 64-byte libsodium secret key (seed ‖ public key).
    private let secretKey: SecureBytes

    /// A new random key pair.
    public static func generate() throws(CryptoError) -> SigningKeyPair {
        try fromSeed(SecureBytes.random(count: seedLength))
    }

    /// The key pair derived from a 32-byte seed (how a stored key is reloaded).
    public static func fromSeed(_ seed: SecureBytes) throws(CryptoError) -> SigningKeyPair {
        guard seed.count == seedLength else { throw CryptoError(.invalidLength, Text(fr: "une graine Ed25519 fait \(seedLength) octets",
            en: "an Ed25519 seed is \(seedLength) bytes")) }
        var publicBytes = [UInt8](repeating: 0, count: SigningPublicKey.length)
        let secret = try SecureBytes(count: 64) { (sk: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            let rc = seed.withUnsafeBytes { s in
                crypto_sign_seed_keypair(&publicBytes, sk.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                         s.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            guard rc == 0 else { throw CryptoError(.keyDerivationFailed, Text(fr: "crypto_sign_seed_keypair a échoué", en: "crypto_sign_seed_keypair failed")) }
        }
        return SigningKeyPair(publicKey: try SigningPublicKey(bytes: publicBytes), secretKey: secret)
    }

    /// The 32-byte seed, in guarded memory, for storing the key encrypted.
    public func seed() throws(CryptoError) -> SecureBytes {
        try SecureBytes(count: Self.seedLength) { (out: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            secretKey.withUnsafeBytes { out.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<Self.seedLength])) }
        }
    }

    /// Signs `message`, returning a 64-byte detached signature.
    public func sign(_ message: some ByteView) -> [UInt8] {
        var signature = [UInt8](repeating: 0, count: Self.signatureLength)
        message.withUnsafeBytes { m in
            secretKey.withUnsafeBytes { sk in
                let rc = crypto_sign_detached(&signature, nil, m.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(m.count),
                                              sk.baseAddress!.assumingMemoryBound(to: UInt8.self))
                precondition(rc == 0, "crypto_sign_detached cannot fail with a valid key")
            }
        }
        return signature
    }
}
