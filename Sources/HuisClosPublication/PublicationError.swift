public import HuisClosL10n

/// Why a text could not be published or rendered; the message says what to do.
public struct PublicationError: HuisClosError, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that branch on it.
    public enum Code: String, ErrorCode {
        /// The vote count is inconsistent.
        case invalidVote
        /// An identifier is not usable in a URL or a file name.
        case invalidIdentifier
        /// A text field is empty or too long.
        case invalidText
        /// A stored publication could not be decoded.
        case malformed

        public static let domain = "publication"

        public var text: Text {
            switch self {
            case .invalidVote:
                Text(fr: "le décompte du vote est incohérent (votants, pour, contre) : corrigez-le",
                     en: "the vote count is inconsistent (voting, in favour, against): correct it")
            case .invalidIdentifier:
                Text(fr: "cet identifiant ne peut pas servir dans une adresse ou un nom de fichier : 1 à 64 lettres, chiffres, « - » ou « _ »",
                     en: "this identifier cannot be used in an address or a file name: 1 to 64 letters, digits, '-' or '_'")
            case .invalidText:
                Text(fr: "un texte est vide ou trop long : corrigez-le",
                     en: "a text is empty or too long: correct it")
            case .malformed:
                Text(fr: "une publication enregistrée ne se lit pas : elle est ignorée ; signalez-le au secrétariat",
                     en: "a stored publication cannot be read: it is skipped; tell the secretariat")
            }
        }

        public var exitStatus: ExitStatus { .dataRefused }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do, in French and English (a person reads it in their language).
    public let text: Text

    /// An error with `code` and a `text` that says what to do.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}

/// Bounds on published material (public pages are served to anyone: nothing is unbounded).
public enum PublicationLimits {
    /// Identifier length in characters: short enough for a URL path segment and a CSV cell.
    public static let identifierCharactersMax = 64
    /// Title length in characters (SCDL DELIB_OBJET is a short subject line).
    public static let titleCharactersMax = 500
    /// Published texts kept in one catalog: decades of a council's output (a few dozen a year).
    public static let catalogTextsMax = 10_000

    /// True for 1…64 ASCII letters, digits, '-' or '_'.
    public static func isValidIdentifier(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= identifierCharactersMax
            && id.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F }
    }
}
