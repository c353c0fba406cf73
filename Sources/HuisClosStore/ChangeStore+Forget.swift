import GRDB
public import HuisClosProtocol
import HuisClosEngine

extension ChangeStore {
    /// The tables holding a scope's material: its merged records and fields, the batches they came
    /// from, the batches held for later, and the outbox.
    static let scopedTables = ["records", "fields", "set_elements", "set_removals", "batches", "chain_heads", "held_batches", "outbox"]

    /// Erases everything this replica holds of each scope outside `kept` — records (titles, file
    /// names and sizes included), batches, held batches — with SQLite's secure delete so the freed
    /// pages are zeroed; returns the scopes erased. A scope whose outbox still holds this device's
    /// unpushed writes is kept until they are pushed. Called when the verified log says
    /// the device lost a scope (removed from a group, hearing over, mandate ended): what it may no
    /// longer read leaves the device, not only the dossiers' content.
    @discardableResult
    public func forget(scopesOutside kept: Set<ScopeID>) throws -> [ScopeID] {
        try database.writeWithoutTransaction { db in
            let present = try String.fetchAll(db, sql: Self.scopedTables.map { "SELECT scope FROM \($0)" }.joined(separator: " UNION "))
            // A scope where this device still has writes to push waits: they exist nowhere else, and
            // a scope lost by time alone (a renewal order recorded days after the term) may be
            // regained and its writes accepted. It is erased at the first sync after they leave.
            let unpushed = Set(try String.fetchAll(db, sql: "SELECT DISTINCT scope FROM outbox"))
            let lost = present.compactMap { try? ScopeID($0) }.filter { !kept.contains($0) && !unpushed.contains($0.rawValue) }.sorted()
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
