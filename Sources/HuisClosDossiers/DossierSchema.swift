public import GRDB

/// The dossier tables of a replica, created by migrations run when the device opens (append-only:
/// a shipped migration never changes), beside the change store's and the vault's.
///
/// `dossier_chunks`, `dossier_files` and `dossier_file_chunks` hold the sealed content
/// (`DossierCache`); `dossier_pending_uploads` the uploads a cut left (`PendingUpload`);
/// `dossier_fulltext` the search index (`DossierIndex`); `dossier_seen` the versions read here.
public enum DossierSchema {
    /// The migrations of the dossier tables.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // "IF NOT EXISTS": replicas made before this migrator created these tables on first use.
        // The first index without scopes (`dossier_text`) is dropped: its content is indexed
        // again as it reaches the cache.
        migrator.registerMigration("dossiers v1: cache, pending uploads, index, seen") { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS dossier_chunks (hash BLOB NOT NULL UNIQUE, bytes BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS dossier_files (file_id TEXT PRIMARY KEY, scope TEXT NOT NULL) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS dossier_file_chunks (
                    file_id TEXT NOT NULL, position INTEGER NOT NULL, hash BLOB NOT NULL,
                    PRIMARY KEY (file_id, position)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS dossier_file_chunks_by_hash ON dossier_file_chunks (hash);
                CREATE TABLE IF NOT EXISTS dossier_pending_uploads (
                    file_id TEXT PRIMARY KEY, scope TEXT NOT NULL, dossier TEXT NOT NULL, title TEXT NOT NULL,
                    attached_to TEXT NOT NULL, file_name TEXT NOT NULL, media_type TEXT NOT NULL, size INTEGER NOT NULL,
                    fingerprint BLOB NOT NULL, key BLOB NOT NULL);
                DROP TABLE IF EXISTS dossier_text;
                CREATE VIRTUAL TABLE IF NOT EXISTS dossier_fulltext USING fts5(
                    scope UNINDEXED, dossier UNINDEXED, version UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
                CREATE TABLE IF NOT EXISTS dossier_seen (
                    scope TEXT NOT NULL, dossier TEXT NOT NULL, version INTEGER NOT NULL,
                    PRIMARY KEY (scope, dossier, version)) WITHOUT ROWID;
                """)
        }
        // The plaintext's hash, so adding the same file again makes no new version (the acceptance run).
        migrator.registerMigration("dossiers v2: pending uploads' content hash") { db in
            try db.execute(sql: "ALTER TABLE dossier_pending_uploads ADD COLUMN content_hash BLOB")
        }
        return migrator
    }

    /// Creates or upgrades the dossier tables of `database`.
    public static func migrate(_ database: any DatabaseWriter) throws { try migrator.migrate(database) }
}
