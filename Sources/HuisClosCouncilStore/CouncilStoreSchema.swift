public import GRDB

/// The council store's local tables (never synced) of a replica, created by migrations run when
/// the device opens (append-only: a shipped migration never changes), beside the change store's,
/// the vault's and the dossiers'.
///
/// `council_pending_acknowledgement` holds the acknowledgements a reading command could not
/// record at once (`PendingAcknowledgement`).
public enum CouncilStoreSchema {
    /// The migrations of the council store's local tables.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // "IF NOT EXISTS": replicas made before this migrator created the table on first use.
        migrator.registerMigration("council v1: pending acknowledgements") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS \(PendingAcknowledgement.databaseTableName) (
                    seance TEXT NOT NULL, member TEXT NOT NULL, field TEXT NOT NULL, at_ms INTEGER NOT NULL,
                    PRIMARY KEY (seance, member, field)) WITHOUT ROWID
                """)
        }
        return migrator
    }

    /// Creates or upgrades the council store's local tables of `database`.
    public static func migrate(_ database: any DatabaseWriter) throws { try migrator.migrate(database) }
}
