import HuisClosProtocol

/// A trust decision that went against the input: what was refused and what to do.
///
/// Messages name records, scopes and epochs but never contain key material or plaintext.
public struct TrustError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, Sendable {
        /// The bytes are not the canonical encoding (short, trailing data, unknown value).
        case malformed
        /// A length or count exceeds its limit in `TrustLimits`.
        case tooLarge
        /// A signature does not verify against the key that claims it.
        case badSignature
        /// A record's index or previous hash does not follow the log's head (reordered, dropped, forked).
        case brokenChain
        /// The log does not start from the pinned trust root.
        case untrustedRoot
        /// A record is dated further ahead of this device's clock than `TrustLimits.recordClockSkewSecondsMax`.
        case notYetValid
        /// The signer used up its records for the day, or the log's room left is reserved for the
        /// secretariat and the root (`TrustLimits`): a flood is refused, a revocation still fits.
        case quotaExceeded
        /// The signer is not allowed to sign this record or issue this key (see `Protocol/TRUST.md`).
        case notAuthorised
        /// The record contradicts the log so far (unknown member, duplicate device, epoch out of turn…).
        case invalidTransition
        /// A sealed key is addressed to another device.
        case misaddressed
        /// A key does not match its commitment, or the commitment differs from the membership log's.
        case commitmentMismatch
        /// No key is held for this scope and epoch (not received yet, or never entitled).
        case keyUnavailable
        /// Writing with an epoch older than the newest one seen: the scope was rotated.
        case staleEpoch
        /// Ciphertext did not open: wrong key, or moved between scopes, epochs, devices or sequences.
        case decryptionFailed
    }

    /// What went wrong, for code.
    public let code: Code
    /// What went wrong and what to do, for people.
    public let message: String

    /// An error with its code and a message that says what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A decoding failure of the canonical encoding, keeping its explanation.
    init(_ wire: WireError, in what: String) {
        self.init(wire.code == .tooLarge ? .tooLarge : .malformed, "\(what): \(wire.message)")
    }

    /// Code and message, never secrets.
    public var description: String { "\(code.rawValue): \(message)" }

    /// Errors compare by code, so tests and callers can match on what happened.
    public static func == (lhs: TrustError, rhs: TrustError) -> Bool { lhs.code == rhs.code }
}
