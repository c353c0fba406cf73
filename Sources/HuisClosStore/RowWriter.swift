import GRDB
import GRDBSQLite
import HuisClosEngine

/// A prepared statement run row after row with arguments bound through SQLite's C API.
///
/// The hot path of a merge writes tens of thousands of winners: binding through
/// `StatementArguments` boxes every argument and copies every blob into `Data`, which costs more
/// than SQLite's own work. Here a timestamp is bound from stack memory and text and blobs are
/// copied once, by SQLite. The statement is GRDB's, so it still runs inside GRDB's transaction.
struct RowWriter {
    private let statement: Statement

    /// Prepares `sql` (with `?` placeholders only) on `db`, once per connection.
    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        // Tell GRDB the statement's arguments are bound: from now on they are, by `run`.
        statement.setUncheckedArguments([])
    }

    /// Binds one row with `bind` (every placeholder, in order) and executes the statement.
    func run(_ bind: (inout Binder) -> Void) throws {
        sqlite3_reset(statement.sqliteStatement)
        var binder = Binder(statement: statement.sqliteStatement)
        bind(&binder)
        try statement.execute()
    }
}

/// Binds the next placeholder of a statement, in order.
struct Binder {
    fileprivate let statement: OpaquePointer
    private var index: Int32 = 1

    fileprivate init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// SQLite copies the bytes before the call returns (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func null() {
        sqlite3_bind_null(statement, next())
    }

    mutating func integer(_ value: Int64) {
        sqlite3_bind_int64(statement, next(), value)
    }

    mutating func text(_ value: String) {
        var value = value
        let position = next()
        value.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                // A nil pointer would bind NULL: an empty text is bound from a literal.
                guard let base = chars.baseAddress, !chars.isEmpty else { return _ = sqlite3_bind_text(statement, position, "", 0, Self.transient) }
                _ = sqlite3_bind_text(statement, position, base, Int32(chars.count), Self.transient)
            }
        }
    }

    mutating func blob(_ bytes: UnsafeRawBufferPointer) {
        // A nil pointer would bind NULL: an empty blob is bound as a zero-length blob.
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return _ = sqlite3_bind_zeroblob(statement, next(), 0) }
        sqlite3_bind_blob(statement, next(), base, Int32(bytes.count), Self.transient)
    }

    mutating func blob(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { blob(UnsafeRawBufferPointer($0)) }
    }

    mutating func timestamp(_ stamp: Timestamp?) {
        guard let stamp else { return null() }
        stamp.withEncoded { blob($0) }
    }

    /// A value in the materialised tables' column form (Value+SQL.swift).
    mutating func value(_ value: Value) {
        switch value {
        case .null: null()
        case let .bool(flag): integer(flag ? 1 : 0)
        case let .integer(number): integer(number)
        case let .text(text): self.text(text)
        case let .bytes(bytes): blob(bytes)
        case let .file(file): blob(Value.fileColumn(file))
        }
    }

    private mutating func next() -> Int32 {
        defer { index += 1 }
        return index
    }
}
