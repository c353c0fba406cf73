/// A listing shown as a table (in the person's language) or, with `--json`, as an array of
/// objects with stable keys and language-free values: a missing value is `null` in JSON and
/// "-" in the table; a cell may carry a different JSON value (a keyword, a number, an object).
public struct Listing: Sendable {
    /// The table's column headers, in the person's language.
    public let headers: [String]
    /// The table's rows, "-" for a missing value.
    public private(set) var rows: [[String]] = []
    /// The JSON array, one object per row (and the JSON-only objects).
    public private(set) var objects: [[String: JSONValue]] = []
    private let keys: [String]
    /// The workflow's own records, printed as they encode instead of `objects`.
    private let records: (any Encodable & Sendable)?

    /// An empty listing with the table's `headers` and the JSON `keys`, column by column.
    public init(headers: [String], keys: [String]) {
        precondition(headers.count == keys.count, "one JSON key per column")
        self.headers = headers
        self.keys = keys
        records = nil
    }

    /// A listing whose JSON is the workflow's `records` as they encode; rows are added with `appendRow`.
    public init(headers: [String], records: some Encodable & Sendable) {
        self.headers = headers
        keys = []
        self.records = records
    }

    /// What `--json` prints: the records, or the objects built row by row.
    public var json: any Encodable & Sendable { records ?? objects }

    /// Appends a table row only (a listing of records).
    public mutating func appendRow(_ cells: [String]) { rows.append(cells) }

    /// Appends a row: `cells` are shown (nil as "-") and, unless `json` overrides a key, are
    /// the JSON values too (nil as null).
    public mutating func append(_ cells: [String?], json overrides: [String: JSONValue] = [:]) {
        rows.append(cells.map { $0 ?? "-" })
        var object = Dictionary(uniqueKeysWithValues: zip(keys, cells.map { $0.map(JSONValue.string) ?? .null }))
        object.merge(overrides) { _, new in new }
        objects.append(object)
    }

    /// Appends an object to the JSON array only: a figure the table states in a sentence after it.
    public mutating func appendJSONOnly(_ object: [String: JSONValue]) { objects.append(object) }
}

/// A JSON value of a listing.
public enum JSONValue: Encodable, Equatable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case object([String: JSONValue])
    case array([JSONValue])
    case null

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
