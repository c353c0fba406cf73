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
    /// What went wrong and what to do.
    public let message: String
    /// The same in French and English, for the refusals a person meets in a council workflow
    /// (nil: faces show `message` with the code).
    public let text: Text?

    /// An error with `code` and a `message` that says what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
        text = nil
    }

    /// An error with `code` and a `text` in both languages that says what to do.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        message = text.english
        self.text = text
    }

    public var description: String { message }
}

/// Bounds of the dossier layer, with their reasons.
public enum DossierLimits {
    /// A dossier file, in bytes: 256 MiB. Every readable version is kept in each member's replica
    /// (sealing and transfers stream one chunk at a time, so memory is not the bound: the
    /// devices' disks are); council documents (PDF, office files) are far smaller.
    public static let fileBytesMax = 256 * 1_048_576
    /// A "large" version, in bytes: 32 MiB. `huisclos sync --sans-gros-fichiers` leaves larger
    /// versions on the relay until first read (a scanned annex on a metered connection); by
    /// default everything is fetched.
    public static let largeVersionBytes = 32 * 1_048_576
    /// Plaintext bytes per sealed chunk: chosen so each sealed chunk, the first with the stream
    /// header in front, is at most `WireLimits.chunkBytesMax` on the wire.
    public static let plainChunkBytes = 1_048_576 - 24 - 17
    /// Paragraphs in one avis draft: a long avis has a few dozen.
    public static let paragraphsMax = 1_000
    /// Text stored for full-text search per dossier version, in bytes (larger text files are
    /// indexed up to this size).
    public static let indexedTextBytesMax = 8 * 1_048_576
}
