import GRDB
import HuisClosProtocol
import HuisClosEngine

extension ChangeStore {
    /// The tables holding a scope's material: its merged records and fields, the batches they came
    /// from, the batches held for later, and the outbox.
    static let scopedTables = ["records", "fields", "set_elements", "set_removals", "batches", "chain_heads", "held_batches", "outbox"]

    /// Erases everything this replica holds of each scope outside `kept` — records (titles, file
    /// names and sizes included), batches, held batches, the outbox — with SQLite's secure delete so
    /// the freed pages are zeroed; returns the scopes erased. Called when the verified log says
    /// the device lost a scope (removed from a group, hearing over, mandate ended): what it may no
    /// longer read leaves the device, not only the dossiers' content.
    @discardableResult
    public func forget(scopesOutside kept: Set<ScopeID>) throws -> [ScopeID] {
        try database.writeWithoutTransaction { db in
            let present = try String.fetchAll(db, sql: Self.scopedTables.map { "SELECT scope FROM \($0)" }.joined(separator: " UNION "))
            let lost = present.compactMap { try? ScopeID($0) }.filter { !kept.contains($0) }.sorted()
            guard !lost.isEmpty else { return [] }
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            try db.inTransaction {
                for scope in lost {
                    for table in Self.scopedTables {
                        try db.execute(sql: "DELETE FROM \(table) WHERE scope = ?", arguments: [scope.rawValue])
                    }
                }
                return .commit
            }
            return lost
        }
    }
}
