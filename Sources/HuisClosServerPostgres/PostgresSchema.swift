import Foundation
import HuisClosL10n
import HuisClosServer
import Logging
import PostgresNIO

/// The PostgreSQL schema as numbered migrations, run forward at start.
///
/// Version N of the schema is the first N entries of `migrations` applied, recorded in
/// `huisclos_schema`. Start takes a transaction-scoped advisory lock, so instances starting
/// together migrate once; a database at a version above `migrations.count` (written by a newer
/// binary) is refused, changing nothing: an older binary could misread what it does not know.
/// Migrations are only ever appended, never edited: a rolling upgrade runs old and new binaries
/// on one database while the new migration only adds.
enum PostgresSchema {
    /// Advisory lock key taken by migrations (any constant unlikely to clash with the operator's).
    static let migrationLock: Int64 = 0x4855_4953_434C_4F53  // "HUISCLOS"

    /// The relay's tables (what `integrityProblems` reads through).
    static let tables = ["enrolment_code", "device", "challenge", "token", "scope_log", "file", "file_chunk", "chunk",
                         "chunk_upload", "membership_record", "sealed_key", "contribution"]

    /// Each migration's statements (the extended query protocol runs one statement at a time).
    static let migrations: [[PostgresQuery]] = [
        // 1: the tables of SQLite's v1 … v4, in their final shape. Scopes compare byte-wise
        // (COLLATE "C"), as SQLite's text does, so listings come in the same order on both backends.
        [
            """
            CREATE TABLE enrolment_code (
                hash BYTEA PRIMARY KEY, grants BYTEA NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
            """,
            """
            CREATE TABLE device (
                key BYTEA PRIMARY KEY, agreement_key BYTEA NOT NULL, grants BYTEA NOT NULL,
                enrolled_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            "CREATE TABLE challenge (nonce BYTEA PRIMARY KEY, device BYTEA NOT NULL, expires_at BIGINT NOT NULL)",
            "CREATE TABLE token (hash BYTEA PRIMARY KEY, device BYTEA NOT NULL, expires_at BIGINT NOT NULL)",
            "CREATE INDEX token_device ON token(device)",
            """
            CREATE TABLE scope_log (
                scope TEXT COLLATE "C" NOT NULL, position BIGINT NOT NULL, device BYTEA NOT NULL,
                sequence BIGINT NOT NULL, hash BYTEA NOT NULL, bytes BYTEA NOT NULL, received_at_ms BIGINT NOT NULL,
                PRIMARY KEY (scope, position))
            """,
            "CREATE UNIQUE INDEX scope_log_chain ON scope_log(device, scope, sequence)",
            """
            CREATE TABLE file (
                id TEXT COLLATE "C" PRIMARY KEY, scope TEXT COLLATE "C" NOT NULL, total_size BIGINT NOT NULL,
                declared_by BYTEA NOT NULL)
            """,
            "CREATE INDEX file_declared_by ON file(declared_by)",
            """
            CREATE TABLE file_chunk (
                file TEXT COLLATE "C" NOT NULL REFERENCES file(id), idx INTEGER NOT NULL, hash BYTEA NOT NULL,
                PRIMARY KEY (file, idx))
            """,
            "CREATE TABLE chunk (hash BYTEA PRIMARY KEY, bytes BYTEA NOT NULL)",
            """
            CREATE TABLE chunk_upload (
                hash BYTEA NOT NULL, scope TEXT COLLATE "C" NOT NULL, device BYTEA NOT NULL, size BIGINT NOT NULL,
                PRIMARY KEY (hash, scope))
            """,
            "CREATE INDEX chunk_upload_device ON chunk_upload(device)",
            "CREATE TABLE membership_record (idx BIGINT PRIMARY KEY, bytes BYTEA NOT NULL)",
            """
            CREATE TABLE sealed_key (
                recipient BYTEA NOT NULL, scope TEXT COLLATE "C" NOT NULL, epoch BIGINT NOT NULL, issuer BYTEA NOT NULL,
                bytes BYTEA NOT NULL, PRIMARY KEY (recipient, scope, epoch, issuer))
            """,
        ],
        // 2: SQLite's v5, consultations' mailboxes of sealed contributions.
        [
            """
            CREATE TABLE contribution (
                consultation TEXT COLLATE "C" NOT NULL, position BIGINT NOT NULL, received_at_ms BIGINT NOT NULL, bytes BYTEA NOT NULL,
                PRIMARY KEY (consultation, position))
            """,
        ],
    ]

    /// The version this binary writes and reads.
    static var known: Int { migrations.count }

    /// Brings the database to `known`, or throws `.schemaTooNew` when it is past it; then checks
    /// the council identity (`CouncilIdentity`: recorded when missing, `otherCouncil` when it
    /// names another council) and, for a hosted council, that the connection works in its own
    /// schema. `creating` (`councils create`) refuses a hosted council's schema that exists.
    static func migrate(_ storage: PostgresServerStorage, creating: Bool) async throws(StorageError) {
        let logger = storage.logger
        let address = storage.displayAddress
        let applied: Int = try await storage.write("migrating the schema") { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(migrationLock))", logger)
            if let council = storage.council {
                if creating, try await connection.value(Int32.self, "SELECT 1 FROM pg_namespace WHERE nspname = \(council.schemaName)", logger) != nil {
                    throw StorageError(.councilExists, Text(
                        fr: "le schéma PostgreSQL \(council.schemaName) existe à \(address) : un conseil \(council) a déjà été créé sur cette base "
                            + "(ses appareils et son registre y sont). Choisissez un autre identifiant ; sur une autre instance du même déploiement, "
                            + "copiez le dossier du conseil ou lancez councils create \(council) --adopt-existing",
                        en: "the PostgreSQL schema \(council.schemaName) exists at \(address): a council \(council) was "
                            + "created on this database before (its devices and log are there). Pick another identifier; on another "
                            + "instance of the same deployment, copy the council's folder or run councils create \(council) --adopt-existing"))
                }
                // The connection's search_path names it: created once, then every table below lands in it.
                try await connection.run(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(council.schemaName)"), logger)
            }
            try await connection.run("CREATE TABLE IF NOT EXISTS huisclos_schema (version INTEGER NOT NULL)", logger)
            let stored = try await connection.value(Int32.self, "SELECT version FROM huisclos_schema", logger)
            let version = Int(stored ?? 0)
            guard version <= known else { throw StorageError.schemaTooNew(found: version, known: known, database: address) }
            for migration in migrations[version...] {
                for statement in migration { try await connection.run(statement, logger) }
            }
            if stored == nil {
                try await connection.run("INSERT INTO huisclos_schema (version) VALUES (\(Int32(known)))", logger)
            } else if version < known {
                try await connection.run("UPDATE huisclos_schema SET version = \(Int32(known))", logger)
            }
            try await checkIdentity(storage, on: connection)
            try await PostgresServerStorage.claimIncarnation(on: connection, logger)
            return known - version
        }
        if applied > 0 {
            logger.notice("migrated the PostgreSQL schema", metadata: ["to": "\(known)", "applied": "\(applied)"])
        }
    }

    /// Records the storage's council identity when the schema holds none, refuses one naming another
    /// council, and refuses a hosted council's connection that does not work in its own schema
    /// (a pooler resetting `search_path` would otherwise land it in the default council's tables).
    private static func checkIdentity(_ storage: PostgresServerStorage, on connection: PostgresConnection) async throws {
        let logger = storage.logger
        let address = storage.displayAddress
        if let council = storage.council {
            let schema = try await connection.value(String.self, "SELECT current_schema()", logger)
            guard schema == council.schemaName else {
                throw StorageError(.unavailable, Text(
                    fr: "la connexion du conseil \(council) à \(address) travaille dans le schéma \(schema ?? "(aucun)"), et non \(council.schemaName) : "
                        + "reliez le relais à PostgreSQL directement ou par un pooler en mode session",
                    en: "the council \(council)'s connection to \(address) works in the schema \(schema ?? "(none)"), "
                        + "not \(council.schemaName): connect the relay to PostgreSQL directly or through a session-mode pooler"))
            }
        }
        let table = CouncilIdentity.tableName
        try await connection.run(PostgresQuery(unsafeSQL: "CREATE TABLE IF NOT EXISTS \(table) (council TEXT NOT NULL, uuid TEXT NOT NULL)"), logger)
        let rows = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT council, uuid FROM \(table)"), logger)
        guard let row = rows.first else {
            let fresh = CouncilIdentity(council: storage.council, uuid: UUID())
            try await connection.run("INSERT INTO council_identity (council, uuid) VALUES (\(fresh.storedName), \(fresh.uuid.uuidString))", logger)
            return
        }
        let (name, uuid) = try row.decode((String, String).self)
        guard let found = CouncilIdentity(storedName: name, uuid: uuid) else {
            throw StorageError(.corrupt, Text(fr: "l'identité du conseil dans \(address) ne se lit pas : restaurez la base depuis la dernière sauvegarde",
                                            en: "the council identity in \(address) does not decode: restore the database from the last backup"))
        }
        try found.require(storage.council, database: address)
    }
}
