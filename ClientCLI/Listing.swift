import HuisClosTerminal

/// A listing shown as a table (in the person's language) or, with `--json`, as an array of
/// objects with stable keys and language-free values: a missing value is `null` in JSON and
/// "-" in the table; a cell may carry a different JSON value (a keyword, a number, an object).
struct Listing {
    private var table: Table
    private let keys: [String]
    private var objects: [[String: JSONValue]] = []

    /// An empty listing with the table's `headers` and the JSON `keys`, column by column.
    init(headers: [String], keys: [String]) {
        precondition(headers.count == keys.count, "one JSON key per column")
        table = Table(headers: headers)
        self.keys = keys
    }

    /// Appends a row: `cells` are shown (nil as "-") and, unless `json` overrides a key, are
    /// the JSON values too (nil as null).
    mutating func append(_ cells: [String?], json overrides: [String: JSONValue] = [:]) {
        table.append(cells.map { $0 ?? "-" })
        var object = Dictionary(uniqueKeysWithValues: zip(keys, cells.map { $0.map(JSONValue.string) ?? .null }))
        object.merge(overrides) { _, new in new }
        objects.append(object)
    }

    /// Appends an object to the JSON array only: a figure the table states in a sentence after it.
    mutating func appendJSONOnly(_ object: [String: JSONValue]) { objects.append(object) }

    /// Prints the table, ending with a newline, or the JSON array.
    func show(json: Bool) throws {
        if json { return try printJSON(objects) }
        Console.out(table.render() + "\n")
    }
}

/// A JSON value of a listing.
enum JSONValue: Encodable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case object([String: JSONValue])
    case null

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
