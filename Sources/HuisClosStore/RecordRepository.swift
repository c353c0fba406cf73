import Foundation
import GRDB
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol

/// Loads a record's merged state from the materialised tables and writes back what a merge
/// changed, with statements prepared once per merge (the hot path of every merge).
struct RecordRepository {
    let db: Database
    private let recordWriter: RowWriter
    private let fieldWriter: RowWriter
    private let fieldEraser: RowWriter
    private let elementWriter: RowWriter
    private let elementEraser: RowWriter
    private let removalWriter: RowWriter
    private let removalEraser: RowWriter

    /// Prepares the repository's statements on `db`.
    init(db: Database) throws {
        self.db = db
        recordWriter = try RowWriter(db, sql: "INSERT OR REPLACE INTO records (scope, kind, id, written_hlc, deleted_hlc, live) VALUES (?, ?, ?, ?, ?, ?)")
        fieldWriter = try RowWriter(db, sql: "INSERT OR REPLACE INTO fields (scope, kind, id, name, value_type, value, hlc) VALUES (?, ?, ?, ?, ?, ?, ?)")
        fieldEraser = try RowWriter(db, sql: "DELETE FROM fields WHERE scope = ? AND kind = ? AND id = ? AND name = ?")
        elementWriter = try RowWriter(db, sql: "INSERT OR REPLACE INTO set_elements (scope, kind, id, name, element, tag, value_type, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        elementEraser = try RowWriter(db, sql: "DELETE FROM set_elements WHERE scope = ? AND kind = ? AND id = ? AND name = ? AND element = ? AND tag = ?")
        removalWriter = try RowWriter(db, sql: "INSERT OR REPLACE INTO set_removals (scope, kind, id, name, element, tag) VALUES (?, ?, ?, ?, ?, ?)")
        removalEraser = try RowWriter(db, sql: "DELETE FROM set_removals WHERE scope = ? AND kind = ? AND id = ? AND name = ? AND element = ? AND tag = ?")
    }

    /// The stored state of `address`, or a new state if no operation has touched it yet.
    func load(_ address: RecordAddress) throws -> RecordState {
        let key: [any DatabaseValueConvertible] = [address.scope.rawValue, address.key.kind, address.key.id]
        let recordRow = try db.cachedStatement(sql: "SELECT written_hlc, deleted_hlc FROM records WHERE scope = ? AND kind = ? AND id = ?")
        guard let row = try Row.fetchOne(recordRow, arguments: StatementArguments(key)) else {
            return RecordState(new: address)
        }
        var fields: [String: FieldEntry] = [:]
        let fieldRows = try db.cachedStatement(sql: "SELECT name, value_type, value, hlc FROM fields WHERE scope = ? AND kind = ? AND id = ?")
        for field in try Row.fetchAll(fieldRows, arguments: StatementArguments(key)) {
            guard let stamp = try Timestamp.from(field[3]) else { throw damaged(Text(fr: "horodatage de champ", en: "field timestamp")) }
            fields[field[0]] = FieldEntry(timestamp: stamp, value: try Value(type: field[1], stored: field[2]))
        }
        var elements: [ElementKey: Value] = [:]
        let elementRows = try db.cachedStatement(sql: "SELECT name, element, tag, value_type, value FROM set_elements WHERE scope = ? AND kind = ? AND id = ?")
        for element in try Row.fetchAll(elementRows, arguments: StatementArguments(key)) {
            elements[try elementKey(element)] = try Value(type: element[3], stored: element[4])
        }
        var removals: Set<ElementKey> = []
        let removalRows = try db.cachedStatement(sql: "SELECT name, element, tag FROM set_removals WHERE scope = ? AND kind = ? AND id = ?")
        for removal in try Row.fetchAll(removalRows, arguments: StatementArguments(key)) {
            removals.insert(try elementKey(removal))
        }
        return RecordState(address: address, written: try Timestamp.from(row[0]), deleted: try Timestamp.from(row[1]),
                           fields: fields, elements: elements, removals: removals)
    }

    /// Writes `state.changes`: the record row, changed field winners, adds and remove tombstones.
    func save(_ state: RecordState) throws {
        let changes = state.changes
        let address = state.address
        if changes.record {
            try recordWriter.run { row in
                row.key(address)
                row.timestamp(state.written)
                row.timestamp(state.deleted)
                row.integer(state.isLive ? 1 : 0)
            }
        }
        let changedFields = state.changedFields
        for name in changes.removedFields.isEmpty ? changedFields : Array(Set(changedFields).union(changes.removedFields)) {
            if let entry = state.field(name) {
                try fieldWriter.run { row in
                    row.key(address, name)
                    row.integer(Int64(entry.value.kind.rawValue))
                    row.value(entry.value)
                    row.timestamp(entry.timestamp)
                }
            } else {
                try fieldEraser.run { row in row.key(address, name) }
            }
        }
        for key in changes.elements {
            if let value = state.elements[key] {
                try elementWriter.run { row in
                    row.key(address, key)
                    row.integer(Int64(value.kind.rawValue))
                    row.value(value)
                }
            } else {
                try elementEraser.run { row in row.key(address, key) }
            }
        }
        for key in changes.removals {
            try (state.removals.contains(key) ? removalWriter : removalEraser).run { row in row.key(address, key) }
        }
    }

    private func elementKey(_ row: Row) throws -> ElementKey {
        guard let tag = try Timestamp.from(row[2]) else { throw damaged(Text(fr: "étiquette d'ajout", en: "add tag")) }
        return ElementKey(set: row[0], element: [UInt8](row[1] as Data), tag: tag)
    }

    private func damaged(_ what: Text) -> ChangeError {
        ChangeError(.malformed, Text(fr: "un élément enregistré manque (\(what.french)) : la réplique est endommagée, resynchronisez-la",
                                     en: "a stored \(what.english) is missing: the replica is damaged, resync it"))
    }
}

extension Binder {
    /// Binds a record's primary key: scope, kind, id.
    mutating func key(_ address: RecordAddress) {
        text(address.scope.rawValue)
        text(address.key.kind)
        text(address.key.id)
    }

    /// Binds a field's primary key.
    mutating func key(_ address: RecordAddress, _ field: String) {
        key(address)
        text(field)
    }

    /// Binds an add's (or a remove tombstone's) primary key.
    mutating func key(_ address: RecordAddress, _ element: ElementKey) {
        key(address, element.set)
        blob(element.element)
        timestamp(element.tag)
    }
}
