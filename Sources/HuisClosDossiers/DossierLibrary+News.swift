import GRDB
import HuisClosProtocol

/// New versions as notifications: a version another device recorded is "new" on this replica
/// until the member marks it seen. The seen marks are local (a table in the encrypted replica,
/// not synced): each device tells its own member.
extension DossierLibrary {
    /// Versions of this scope's dossiers not yet marked seen on this replica, oldest first.
    public func unseenVersions() throws -> [DossierVersion] {
        let seen = try store.database.write { db in
            try Self.createSeenTable(db)
            return try Set(Row.fetchAll(db, sql: "SELECT dossier, version FROM dossier_seen WHERE scope = ?", arguments: [scope.rawValue])
                .map { "\($0["dossier"] as String).v\($0["version"] as Int)" })
        }
        return try list().flatMap(\.versions).filter { !seen.contains("\($0.dossier).v\($0.number)") }
    }

    /// Marks `versions` seen on this replica.
    public func markSeen(_ versions: [DossierVersion]) throws {
        try store.database.write { db in
            try Self.createSeenTable(db)
            for version in versions {
                try db.execute(sql: "INSERT OR IGNORE INTO dossier_seen (scope, dossier, version) VALUES (?, ?, ?)",
                               arguments: [scope.rawValue, version.dossier, version.number])
            }
        }
    }

    /// Drops the seen marks of every scope outside `scopes` (a scope the device lost: its dossier
    /// ids leave the device with its records), zeroing the freed pages.
    static func retainSeen(scopes: Set<ScopeID>, in database: any DatabaseWriter) throws {
        try database.writeWithoutTransaction { db in
            try createSeenTable(db)
            let lost = try String.fetchAll(db, sql: "SELECT DISTINCT scope FROM dossier_seen").filter { scope in !scopes.contains { $0.rawValue == scope } }
            guard !lost.isEmpty else { return }
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            for scope in lost { try db.execute(sql: "DELETE FROM dossier_seen WHERE scope = ?", arguments: [scope]) }
        }
    }

    private static func createSeenTable(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS dossier_seen (
                scope TEXT NOT NULL, dossier TEXT NOT NULL, version INTEGER NOT NULL,
                PRIMARY KEY (scope, dossier, version)) WITHOUT ROWID
            """)
    }
}
