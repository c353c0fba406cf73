import Foundation
import GRDB
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore

/// Reads the change store's materialised tables the way the domain needs them: live records of
/// a kind, their fields, and the live elements of a set.
struct RecordReader {
    /// The store's database (the encrypted replica in the app).
    let database: any DatabaseWriter

    /// Identifiers of the live records of `kind` in `scope`, sorted.
    func ids(kind: String, scope: ScopeID) throws -> [String] {
        try database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM records WHERE scope = ? AND kind = ? AND live = 1 ORDER BY id",
                                arguments: [scope.rawValue, kind])
        }
    }

    /// The fields of a live record (name → stored value); nil if the record is absent or deleted.
    func fields(kind: String, id: String, scope: ScopeID) throws -> [String: DatabaseValue]? {
        try database.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT live FROM records WHERE scope = ? AND kind = ? AND id = ?",
                                    arguments: [scope.rawValue, kind, id]) == true else { return nil }
            var fields: [String: DatabaseValue] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM fields WHERE scope = ? AND kind = ? AND id = ?",
                                        arguments: [scope.rawValue, kind, id]) {
                fields[row["name"]] = row["value"] as DatabaseValue
            }
            return fields
        }
    }

    /// The merge timestamp of field `name` of a record (when its winning value was written, by
    /// which device's clock); nil when the field is absent.
    func stamp(kind: String, id: String, field name: String, scope: ScopeID) throws -> Timestamp? {
        try database.read { db in
            try Data.fetchOne(db, sql: "SELECT hlc FROM fields WHERE scope = ? AND kind = ? AND id = ? AND name = ?",
                              arguments: [scope.rawValue, kind, id, name])
        }.flatMap { try? Timestamp(encoded: [UInt8]($0)) }
    }

    /// The live elements of `set` of a record that are text, sorted (concurrent values of a
    /// multi-value register).
    func textElements(kind: String, id: String, set: String, scope: ScopeID) throws -> [String] {
        try database.read { db in
            try String.fetchSet(db, sql: """
                SELECT e.value FROM set_elements e JOIN records r
                  ON r.scope = e.scope AND r.kind = e.kind AND r.id = e.id AND r.live = 1
                WHERE e.scope = ? AND e.kind = ? AND e.id = ? AND e.name = ? AND e.value_type = 3
                """, arguments: [scope.rawValue, kind, id, set]).sorted()
        }
    }
}

extension Dictionary where Key == String, Value == DatabaseValue {
    /// A text field, or nil.
    func text(_ name: String) -> String? { self[name].flatMap { String.fromDatabaseValue($0) } }
    /// An integer field, or nil.
    func integer(_ name: String) -> Int64? { self[name].flatMap { Int64.fromDatabaseValue($0) } }
    /// A bytes or file field's column bytes, or nil.
    func bytes(_ name: String) -> [UInt8]? { self[name].flatMap { Data.fromDatabaseValue($0) }.map { [UInt8]($0) } }
}
