import HuisClosL10n

/// Why a device operation failed: a stable code and a message saying what to do. Never holds a
/// key, a passphrase or content.
public struct DeviceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, Sendable {
        /// The folder holds no device, or a device already exists where one is created.
        case noDevice, alreadyExists
        /// The device has not synced within its offline lease: sync before unlocking.
        case leaseExpired
        /// The secretariat's signed wipe order was received: the replica was destroyed.
        case wiped
        /// The membership log from the server does not verify from the pinned trust root.
        case untrustedLog
        /// This device's clock is behind what the council signed: set it right, then sync again.
        case clockBehind
        /// The relay's clock is too far behind this device's for the relay to keep what it signs:
        /// the secretariat sets the relay's clock right.
        case relayClockBehind
        /// This device is not (or no longer) allowed to do this by the membership log.
        case notAuthorised
        /// A scope key is missing for this scope (wait for a sync, or not entitled).
        case keyUnavailable
        /// Only the secretariat's device holding the trust root may do this.
        case notSecretariat
        /// A root backup that is not one, does not open with the passphrase given, or holds
        /// another council's root.
        case rootBackupInvalid
    }

    /// What went wrong.
    public let code: Code
    /// What happened and what to do.
    public let message: String
    /// The message in French and English, when the device words it for a person (else `message`).
    public let text: Text?

    /// An error with its code and message.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
        text = nil
    }

    /// An error with its code and its message in both languages (`message` is the English one).
    public init(_ code: Code, _ text: Text) {
        self.code = code
        message = text.english
        self.text = text
    }

    public var description: String { "\(code.rawValue): \(message)" }

    /// Errors are equal when their codes are.
    public static func == (lhs: DeviceError, rhs: DeviceError) -> Bool { lhs.code == rhs.code }
}
