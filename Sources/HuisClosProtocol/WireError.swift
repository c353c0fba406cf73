/// Bytes from a peer that do not form a valid message: what is wrong and what to do.
///
/// Raised by every decoder in this module; never traps on untrusted input.
public struct WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes (also sent to clients as error codes); new codes may be added.
    public enum Code: String, Sendable {
        /// The bytes end early, carry trailing data, or break the format's rules.
        case malformed
        /// A length exceeds its limit in `WireLimits`.
        case tooLarge
        /// The format version is not one this build understands.
        case unsupportedVersion
        /// The signature does not verify against the author's key.
        case badSignature
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: WireError, rhs: WireError) -> Bool { lhs.code == rhs.code }
}
