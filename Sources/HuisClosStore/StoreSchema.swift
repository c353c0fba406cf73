import GRDB

/// The replica's tables, created by migrations (append-only: a shipped migration never changes).
///
/// Materialised tables (`records`, `fields`, `set_elements`, `set_removals`) are what the domain
/// queries with SQL; timestamps are 44-byte BLOBs whose byte order is the merge order
/// (`Timestamp.encoded`). The others keep the log and the sync state.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: change engine") { db in
            // Every batch merged, byte for byte, by id: the operation log peers can be served from.
            try db.execute(sql: """
                CREATE TABLE batches (
                    device BLOB NOT NULL, scope TEXT NOT NULL, sequence INTEGER NOT NULL,
                    hash BLOB NOT NULL, bytes BLOB NOT NULL,
                    PRIMARY KEY (device, scope, sequence));
                CREATE TABLE chain_heads (
                    device BLOB NOT NULL, scope TEXT NOT NULL, sequence INTEGER NOT NULL,
                    hash BLOB NOT NULL, last_physical_ms INTEGER NOT NULL, last_counter INTEGER NOT NULL,
                    PRIMARY KEY (device, scope)) WITHOUT ROWID;
                CREATE TABLE outbox (
                    scope TEXT NOT NULL, sequence INTEGER NOT NULL,
                    PRIMARY KEY (scope, sequence)) WITHOUT ROWID;
                CREATE TABLE held_batches (
                    device BLOB NOT NULL, scope TEXT NOT NULL, sequence INTEGER NOT NULL,
                    reason TEXT NOT NULL, not_before_ms INTEGER NOT NULL, bytes BLOB NOT NULL,
                    PRIMARY KEY (device, scope, sequence));
                CREATE TABLE clock (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    physical_ms INTEGER NOT NULL, counter INTEGER NOT NULL);
                CREATE TABLE records (
                    scope TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL,
                    written_hlc BLOB, deleted_hlc BLOB, live INTEGER NOT NULL,
                    PRIMARY KEY (scope, kind, id)) WITHOUT ROWID;
                CREATE TABLE fields (
                    scope TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                    value_type INTEGER NOT NULL, value, hlc BLOB NOT NULL,
                    PRIMARY KEY (scope, kind, id, name)) WITHOUT ROWID;
                CREATE TABLE set_elements (
                    scope TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                    element BLOB NOT NULL, tag BLOB NOT NULL, value_type INTEGER NOT NULL, value,
                    PRIMARY KEY (scope, kind, id, name, element, tag)) WITHOUT ROWID;
                CREATE TABLE set_removals (
                    scope TEXT NOT NULL, kind TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,
                    element BLOB NOT NULL, tag BLOB NOT NULL,
                    PRIMARY KEY (scope, kind, id, name, element, tag)) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// The materialised tables with their canonical row order: the state digest's input.
    static let materialised: [(table: String, orderBy: String)] = [
        ("records", "scope, kind, id"),
        ("fields", "scope, kind, id, name"),
        ("set_elements", "scope, kind, id, name, element, tag"),
        ("set_removals", "scope, kind, id, name, element, tag"),
    ]
}
