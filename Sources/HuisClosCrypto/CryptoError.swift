/// A failure of a cryptographic operation: what happened and what to do about it.
///
/// Messages never contain key material, plaintext or ciphertext.
public struct CryptoError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, Sendable {
        /// libsodium could not be initialised (no entropy source?).
        case sodiumUnavailable
        /// Authentication failed: wrong key, or data tampered with or truncated.
        case authenticationFailed
        /// A signature did not verify against the claimed public key.
        case badSignature
        /// An input had the wrong length for the pinned algorithm.
        case invalidLength
        /// Secure memory could not be allocated.
        case outOfSecureMemory
        /// Key derivation failed (usually: not enough memory for the Argon2id limits).
        case keyDerivationFailed
        /// A stream ended without its final chunk: it was truncated, so its end cannot be trusted.
        case streamIncomplete
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: CryptoError, rhs: CryptoError) -> Bool { lhs.code == rhs.code }
}
