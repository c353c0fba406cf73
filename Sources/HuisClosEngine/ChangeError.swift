/// A change that cannot be made or a batch that cannot be merged: what happened and what to do.
///
/// Thrown by encoders and decoders of operations, by the clock, and reported per batch by the
/// replica store. Messages never contain field values (they may be confidential).
public struct ChangeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, Sendable {
        /// ChangeOperation bytes break the format of Protocol/OPERATIONS.md.
        case malformed
        /// A length or count exceeds its limit in `EngineLimits`.
        case tooLarge
        /// A local change is invalid (bad name, empty batch): fix the calling code.
        case invalidChange
        /// The batch envelope is not signed by its author device.
        case badSignature
        /// The batch skips sequences of its device's chain: earlier batches are missing.
        case gap
        /// The device signed two different histories (same sequence, different bytes, or a
        /// previous hash that does not match).
        case fork
        /// The authorizer refused an operation of the batch.
        case unauthorized
        /// The body could not be opened (sealed without an available key, or wrong kind).
        case cannotOpenBody
        /// A timestamp is further ahead of the wall clock than the allowed drift.
        case clockAhead
        /// Too many batches are held back: resync this replica.
        case tooManyHeld
        /// The body is sealed with a scope key epoch this device has not received yet: the batch
        /// is held and merged once the key arrives (never skipped).
        case keyUnavailable
        /// The scope's key must rotate first (someone left it): a write now would be readable by
        /// them; the next sync of a device holding the scope's authority starts the new epoch.
        case rotationPending
        /// The batch names a membership log position this replica has not verified yet: held
        /// until the log catches up (the next sync pulls it).
        case logBehind
    }

    /// What kind of failure this is (stable, for code).
    public let code: Code
    /// What happened and what to do (for people; never contains field values).
    public let message: String
    /// The error of a higher layer that caused this one, when there is one (an authorizer's rule
    /// refusal, with its words in every language), so a caller can show it as it was given.
    public let cause: (any Error & Sendable)?

    /// An error of `code`, explained by `message`, caused by `cause` when given.
    public init(_ code: Code, _ message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// "code: message".
    public var description: String { "\(code.rawValue): \(message)" }

    /// Errors compare by code: messages are for people.
    public static func == (lhs: ChangeError, rhs: ChangeError) -> Bool { lhs.code == rhs.code }
}
