import HuisClosL10n

/// A typed record's identity within a scope: its kind and its id.
///
/// Both are ASCII identifiers (`Names`), compared byte for byte, so a key means the same record on
/// every replica and in SQL.
public struct RecordKey: Hashable, Sendable, CustomStringConvertible {
    /// The record's type, e.g. "document", "seance", "member".
    public let kind: String
    /// The record's id within its kind, e.g. a UUID.
    public let id: String

    /// Validates both parts; throws `.invalidChange` on an empty, too long or non-identifier part.
    public init(kind: String, id: String) throws(ChangeError) {
        try Names.check(kind, what: "record kind")
        try Names.check(id, what: "record id", maxBytes: EngineLimits.recordIDBytesMax, extra: UInt8(ascii: ":"))
        self.kind = kind
        self.id = id
    }

    /// For decoders that have already validated both parts.
    init(validatedKind kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    /// "kind/id", for logs.
    public var description: String { "\(kind)/\(id)" }
}

/// The identifier rule for kinds, ids, field names and set names.
///
/// 1…64 bytes (ids: 1…128) of ASCII letters, digits, `_`, `.`, `-` (ids also `:`). ASCII only,
/// because Swift compares strings by Unicode equivalence while SQLite compares bytes: two
/// different byte strings must never collapse into one key.
public enum Names {
    /// Whether `name` is a valid identifier.
    public static func isValid(_ name: some Collection<UInt8>, maxBytes: Int = EngineLimits.nameBytesMax,
                               extra: UInt8? = nil) -> Bool {
        (1...maxBytes).contains(name.count) && name.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
                true
            default:
                byte == extra
            }
        }
    }

    /// Throws `.invalidChange` naming `what` unless `name` is valid.
    public static func check(_ name: String, what: String, maxBytes: Int = EngineLimits.nameBytesMax,
                             extra: UInt8? = nil) throws(ChangeError) {
        guard isValid(name.utf8, maxBytes: maxBytes, extra: extra) else {
            throw ChangeError(.invalidChange, Text(
                fr: "« \(name.prefix(80)) » ne convient pas comme identifiant : 1 à \(maxBytes) lettres ASCII (sans accent ni espace), chiffres, « _ », « . », « - »\(extra == nil ? "" : " ou « : »") ; rien n'a été écrit",
                en: "\(what) \"\(name.prefix(80))\" must be 1–\(maxBytes) ASCII letters, digits, '_', '.', '-'\(extra == nil ? "" : " or ':'")"))
        }
    }
}
