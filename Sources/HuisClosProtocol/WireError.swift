public import HuisClosL10n

/// Bytes from a peer that do not form a valid message: what is wrong and what to do.
///
/// Raised by every decoder in this module; never traps on untrusted input.
public struct WireError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable codes (also sent to clients as error codes); new codes may be added.
    public enum Code: String, ErrorCode {
        /// The bytes end early, carry trailing data, or break the format's rules.
        case malformed
        /// A length exceeds its limit in `WireLimits`.
        case tooLarge
        /// The format version is not one this build understands.
        case unsupportedVersion
        /// The signature does not verify against the author's key.
        case badSignature

        public static let domain = "wire"

        public var text: Text {
            switch self {
            case .malformed:
                Text(fr: "un message reçu est mal formé (tronqué, avec des octets en trop ou hors du format) : il est refusé et rien n'a changé",
                     en: "a message received is malformed (truncated, with trailing bytes or outside the format): it is refused and nothing changed")
            case .tooLarge:
                Text(fr: "un message reçu dépasse une limite du protocole : il est refusé ; envoyez moins à la fois",
                     en: "a message received is over a limit of the protocol: it is refused; send less at a time")
            case .unsupportedVersion:
                Text(fr: "un message est d'une version du format que ce programme ne lit pas : mettez à jour le client ou le serveur",
                     en: "a message is in a format version this program does not read: update the client or the server")
            case .badSignature:
                Text(fr: "la signature d'un message ne se vérifie pas avec la clé de son auteur : il est refusé",
                     en: "a message's signature does not verify against its author's key: it is refused")
            }
        }

        public var exitStatus: ExitStatus { .dataRefused }

        public var httpStatus: Int? { self == .tooLarge ? 413 : 400 }
    }

    public let code: Code
    /// What is wrong and what to do, in both languages.
    public let text: Text

    /// An error with `code` and a `text` in both languages.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}
