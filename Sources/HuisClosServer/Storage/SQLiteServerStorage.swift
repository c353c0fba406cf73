public import Foundation
import GRDB
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosWire

/// The embedded default `ServerStorage`: one SQLite file in the data folder, WAL, zero set-up.
///
/// Writes go through GRDB's single writer (one transaction per method), reads run concurrently
/// on the pool's readers. `synchronous=FULL`: a method that returned has its transaction on disk,
/// so an acknowledged push survives a power cut, not only a crash. Chunks are stored as blobs in
/// the same file, so a file's manifest and its chunks share one backup and one transaction log.
public final class SQLiteServerStorage: ServerStorage {
    /// The database file's name inside the data folder.
    public static let fileName = "huisclos-server.sqlite"

    let pool: DatabasePool
    /// Concurrent pushes share transactions (one fsync per group).
    let pushes: PushGroupCommit
    /// The council this database belongs to, recorded when it was created.
    public let identity: CouncilIdentity
    /// Its incarnation (`StoredIncarnation`), read when it opens: a restore needs the relay stopped.
    private let storedIncarnation: String

    /// Opens (creating if needed) the database of `council` (nil: the default council) in
    /// `folder` and migrates it to the current schema. A database recording another council is
    /// refused (`otherCouncil`); one recording none (new, or written by an earlier version) is
    /// given `council`'s identity with a fresh UUID.
    public init(folder: URL, council: CouncilID? = nil) throws(StorageError) {
        let path = folder.appendingPathComponent(Self.fileName).path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(10)
        do {
            try Self.createPrivately(folder: folder, database: path)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrateRefusingNewer(pool, path: path)
            identity = try pool.write { db in try Self.claimIdentity(db, for: council) }
            try identity.require(council, database: path)
            storedIncarnation = try pool.write { db in try StoredIncarnation.claim(db) }
            pushes = PushGroupCommit(pool: pool, place: Self.place)
        } catch let error as StorageError {
            throw error
        } catch let error as DatabaseError where Self.isDamage(error) {
            throw StorageError(.corrupt, Text(
                fr: "la base du serveur à \(path) est endommagée : elle ne peut pas être ouverte sans risque. "
                    + "Gardez le fichier de côté pour examen, lancez huisclos-server check, puis restaurez le dossier de données depuis la dernière sauvegarde",
                en: "the server database at \(path) is damaged (\(error)): it cannot be opened safely. "
                    + "Keep the file aside for inspection, run huisclos-server check, then restore the data folder from the last backup"))
        } catch {
            throw StorageError(.unavailable, Text(fr: "impossible d'ouvrir la base du serveur à \(path) : vérifiez les droits du dossier de données et la place libre",
                                             en: "cannot open the server database at \(path): \(error); check the data folder's permissions and free space"))
        }
    }

    /// The identity `db` records, or nil when it records none (or has no identity table).
    static func identity(in db: Database) throws -> CouncilIdentity? {
        guard try db.tableExists(CouncilIdentity.tableName),
              let row = try Row.fetchOne(db, sql: "SELECT council, uuid FROM \(CouncilIdentity.tableName)") else { return nil }
        guard let identity = CouncilIdentity(storedName: row[0], uuid: row[1]) else {
            throw StorageError(.corrupt, Text(fr: "l'identité du conseil dans la base ne se lit pas : restaurez le dossier de données depuis la dernière sauvegarde",
                                         en: "the database's council identity does not decode: restore the data folder from the last backup"))
        }
        return identity
    }

    /// The identity `db` records, recording `council`'s with a fresh UUID when it has none.
    static func claimIdentity(_ db: Database, for council: CouncilID?) throws -> CouncilIdentity {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(CouncilIdentity.tableName) (council TEXT NOT NULL, uuid TEXT NOT NULL)")
        if let found = try identity(in: db) { return found }
        let fresh = CouncilIdentity(council: council, uuid: UUID())
        try db.execute(sql: "INSERT INTO \(CouncilIdentity.tableName) (council, uuid) VALUES (?, ?)",
                       arguments: [fresh.storedName, fresh.uuid.uuidString])
        return fresh
    }

    public func incarnation() async throws(StorageError) -> String { storedIncarnation }

    /// SQLite's own verdict on a damaged file (corrupt pages, or not a database at all).
    static func isDamage(_ error: DatabaseError) -> Bool {
        [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode)
    }

    public func integrityProblems() async throws(StorageError) -> [String] {
        try await read("checking the database's integrity") { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        }
    }

    /// Creates the data folder (0700) and the database file (0600) when they do not exist, so the
    /// database — and its `-wal` and `-shm` files, which SQLite creates with the database's mode —
    /// is never readable by other accounts, even for an instant.
    static func createPrivately(folder: URL, database path: String) throws {
        if !FileManager.default.fileExists(atPath: folder.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StorageError(.unavailable, Text(fr: "impossible de créer la base du serveur à \(path) (errno \(errno)) : vérifiez les droits du dossier de données",
                                             en: "cannot create the server database at \(path) (errno \(errno)): check the data folder's permissions"))
        }
        close(descriptor)
    }

    /// Runs `body` in one write transaction, mapping database errors to `StorageError`.
    func write<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        try await mapped(what) { try await pool.write(body) }
    }

    /// Runs `body` on a reader, mapping database errors to `StorageError`.
    func read<T: Sendable>(_ what: String, _ body: @escaping @Sendable (Database) throws -> T) async throws(StorageError) -> T {
        try await mapped(what) { try await pool.read(body) }
    }

    /// Awaits `operation`, mapping its failure to `StorageError`.
    func mapped<T>(_ what: String, _ operation: () async throws -> T) async throws(StorageError) -> T {
        do {
            return try await operation()
        } catch let error as StorageError {
            throw error
        } catch let error as DatabaseError where Self.isDamage(error) {
            throw StorageError(.corrupt, Text(fr: "la base du serveur est endommagée : lancez huisclos-server check et restaurez la dernière sauvegarde",
                                         en: "\(what) failed: the database is damaged (\(error)); run huisclos-server check and restore from the last backup"))
        } catch {
            throw StorageError(.unavailable, Text(fr: "la base du serveur a refusé une opération : vérifiez le disque et les droits du dossier de données, puis réessayez",
                                             en: "\(what) failed: \(error)"))
        }
    }

    /// Migrates to the current schema, or throws `.schemaTooNew`, changing nothing, when the file
    /// holds migrations this binary does not know (a newer binary wrote it).
    private static func migrateRefusingNewer(_ pool: DatabasePool, path: String) throws {
        let (applied, superseded) = try pool.read { db in
            (try migrator.appliedIdentifiers(db).count, try migrator.hasBeenSuperseded(db))
        }
        guard !superseded else {
            throw StorageError.schemaTooNew(found: applied, known: migrator.migrations.count, database: path)
        }
        try migrator.migrate(pool)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE enrolment_code (
                    hash BLOB PRIMARY KEY, grants BLOB NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
                CREATE TABLE device (
                    key BLOB PRIMARY KEY, agreement_key BLOB NOT NULL, grants BLOB NOT NULL,
                    enrolled_at INTEGER NOT NULL, revoked_at INTEGER);
                CREATE TABLE challenge (nonce BLOB PRIMARY KEY, device BLOB NOT NULL, expires_at INTEGER NOT NULL);
                CREATE TABLE token (hash BLOB PRIMARY KEY, device BLOB NOT NULL, expires_at INTEGER NOT NULL);
                CREATE INDEX token_device ON token(device);
                CREATE TABLE scope_log (
                    scope TEXT NOT NULL, position INTEGER NOT NULL, device BLOB NOT NULL,
                    sequence INTEGER NOT NULL, hash BLOB NOT NULL, bytes BLOB NOT NULL,
                    PRIMARY KEY (scope, position)) WITHOUT ROWID;
                CREATE UNIQUE INDEX scope_log_chain ON scope_log(device, scope, sequence);
                CREATE TABLE file (id TEXT PRIMARY KEY, scope TEXT NOT NULL, total_size INTEGER NOT NULL);
                CREATE TABLE file_chunk (
                    file TEXT NOT NULL REFERENCES file(id), idx INTEGER NOT NULL, hash BLOB NOT NULL,
                    PRIMARY KEY (file, idx)) WITHOUT ROWID;
                CREATE INDEX file_chunk_hash ON file_chunk(file, hash);
                CREATE TABLE chunk (hash BLOB PRIMARY KEY, bytes BLOB NOT NULL);
                """)
        }
        migrator.registerMigration("v2-membership") { db in
            try db.execute(sql: """
                CREATE TABLE membership_record (idx INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
                CREATE TABLE sealed_key (
                    recipient BLOB NOT NULL, scope TEXT NOT NULL, epoch INTEGER NOT NULL, issuer BLOB NOT NULL,
                    bytes BLOB NOT NULL, PRIMARY KEY (recipient, scope, epoch, issuer)) WITHOUT ROWID;
                CREATE TABLE key_link (
                    scope TEXT NOT NULL, epoch INTEGER NOT NULL, bytes BLOB NOT NULL,
                    PRIMARY KEY (scope, epoch)) WITHOUT ROWID;
                """)
        }
        // Arrival times: batches appended before this migration keep 0 ("not known").
        migrator.registerMigration("v3-arrival-times") { db in
            try db.execute(sql: "ALTER TABLE scope_log ADD COLUMN received_at_ms INTEGER NOT NULL DEFAULT 0")
        }
        // Key-chain links travel in the signed epoch records of the membership log: the former
        // link mailbox (first link kept per epoch, from any writer) is dropped.
        migrator.registerMigration("v4-links-in-log") { db in
            try db.execute(sql: "DROP TABLE key_link")
        }
        // Who declared each file and which scope each chunk was uploaded to (quotas, and downloads
        // authorised against the chunk's own scope). Chunks held before this migration are taken
        // as uploaded to the scopes of the files that list them, by no device in particular.
        migrator.registerMigration("v4-chunk-scopes") { db in
            try db.execute(sql: """
                ALTER TABLE file ADD COLUMN declared_by BLOB NOT NULL DEFAULT x'';
                CREATE INDEX file_declared_by ON file(declared_by);
                CREATE TABLE chunk_upload (
                    hash BLOB NOT NULL, scope TEXT NOT NULL, device BLOB NOT NULL, size INTEGER NOT NULL,
                    PRIMARY KEY (hash, scope)) WITHOUT ROWID;
                CREATE INDEX chunk_upload_device ON chunk_upload(device);
                INSERT OR IGNORE INTO chunk_upload (hash, scope, device, size)
                    SELECT DISTINCT chunk.hash, file.scope, x'', length(chunk.bytes)
                    FROM chunk JOIN file_chunk ON file_chunk.hash = chunk.hash JOIN file ON file.id = file_chunk.file;
                """)
        }
        // Consultations' mailboxes: sealed contributions only (PROTOCOL.md, "Consultations").
        migrator.registerMigration("v5-contributions") { db in
            try db.execute(sql: """
                CREATE TABLE contribution (
                    consultation TEXT NOT NULL, position INTEGER NOT NULL, received_at_ms INTEGER NOT NULL, bytes BLOB NOT NULL,
                    PRIMARY KEY (consultation, position)) WITHOUT ROWID;
                """)
        }
        return migrator
    }
}
