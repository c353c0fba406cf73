import HuisClosL10n
import HuisClosProtocol

/// The value of a field or the element of a set.
///
/// Equality is byte equality of the canonical encoding (text compares by its UTF-8 bytes, not by
/// Unicode canonical equivalence), so every replica decides "same value" the same way.
public enum Value: Sendable, Equatable, CustomStringConvertible {
    /// No value (a field explicitly cleared).
    case null
    /// A flag.
    case bool(Bool)
    /// A signed 64-bit integer (counts, dates as epoch milliseconds, amounts in cents).
    case integer(Int64)
    /// UTF-8 text, at most `EngineLimits.valueBytesMax` bytes.
    case text(String)
    /// Opaque bytes, at most `EngineLimits.valueBytesMax`.
    case bytes([UInt8])
    /// A file stored and transferred separately, by content hash.
    case file(FileReference)

    /// The type tag of the canonical encoding, also stored in the replica's `value_type` columns.
    public enum Kind: UInt8, Sendable {
        /// Type bytes 0…5, in the order of `Value`'s cases.
        case null = 0, bool = 1, integer = 2, text = 3, bytes = 4, file = 5
    }

    /// This value's type tag.
    public var kind: Kind {
        switch self {
        case .null: .null
        case .bool: .bool
        case .integer: .integer
        case .text: .text
        case .bytes: .bytes
        case .file: .file
        }
    }

    /// The canonical encoding (Protocol/OPERATIONS.md, "value"): the identity of a set element and
    /// the final tie-break between two writes with equal timestamps.
    public var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 16)
        writer.write(self)
        return writer.bytes
    }

    /// Bytes of a text or bytes payload (0 for the fixed-size kinds): what `valueBytesMax` limits.
    var payloadByteCount: Int {
        switch self {
        case let .text(text): text.utf8.count
        case let .bytes(bytes): bytes.count
        default: 0
        }
    }

    /// Byte equality of the canonical encodings (text by UTF-8 bytes).
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.integer(a), .integer(b)): a == b
        case let (.text(a), .text(b)): a.utf8.elementsEqual(b.utf8)
        case let (.bytes(a), .bytes(b)): a == b
        case let (.file(a), .file(b)): a == b
        default: false
        }
    }

    /// Describes the type and size only: values may be confidential and never reach logs.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .integer: "integer"
        case let .text(text): "text(\(text.utf8.count) bytes)"
        case let .bytes(bytes): "bytes(\(bytes.count))"
        case let .file(file): "file(\(file.size) bytes)"
        }
    }
}

/// A reference to a file's content: its BLAKE2b-256 hash and size in bytes.
///
/// The file itself travels encrypted in chunks; a field only points at it, so a record stays small
/// and a merge never moves file content.
public struct FileReference: Hashable, Sendable {
    /// Bytes of the content hash.
    public static let hashLength = 32
    /// BLAKE2b-256 of the file's plaintext.
    public let contentHash: [UInt8]
    /// The file's size in bytes.
    public let size: UInt64

    /// A reference; throws `.invalidChange` unless the hash is 32 bytes.
    public init(contentHash: [UInt8], size: UInt64) throws(ChangeError) {
        guard contentHash.count == Self.hashLength else {
            throw ChangeError(.invalidChange, Text(fr: "l'empreinte d'un contenu de fichier fait \(Self.hashLength) octets (BLAKE2b-256), reçu \(contentHash.count)",
                en: "a file content hash is \(Self.hashLength) bytes (BLAKE2b-256), got \(contentHash.count)"))
        }
        self.contentHash = contentHash
        self.size = size
    }
}
