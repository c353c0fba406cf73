import HuisClosL10n

/// Why a dossier operation failed; the message says what to do and never holds a key or content.
public struct DossierError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that branch on it.
    public enum Code: String, Sendable {
        /// The file is larger than `DossierLimits.fileBytesMax`.
        case tooLarge
        /// The downloaded file does not match the dossier record (altered, substituted or truncated).
        case integrity
        /// A record is missing or malformed.
        case notFound
        /// A name, identifier or argument is not acceptable.
        case invalidArgument
        /// The caller is not allowed to do this (e.g. only the president creates working groups).
        case forbidden
        /// The content of a version is not on this device yet and cannot be fetched now (offline,
        /// or not completely uploaded).
        case notFetched
        /// The avis is not in the state the operation needs (e.g. publishing before adoption).
        case wrongState
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do, in French and English. An error made with an English
    /// `message` only carries it in both (the wider error model will translate the rest).
    public let text: Text
    /// What went wrong and what to do, in English.
    public var message: String { text.english }

    /// An error with `code` and an English `message` that says what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        text = Text(fr: message, en: message)
    }

    /// An error with `code` and a `text` in both languages that says what to do.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }

    public var description: String { message }
}
