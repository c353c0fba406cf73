import GRDB
@testable import HuisClosDossiers
import Testing

/// The dossier tables come from one migrator run when the device opens (`Device` runs it), and
/// reads go through `read`: a read never creates a table.
@Suite struct DossierSchemaTests {
    @Test func readingTheCacheIndexOrPendingUploadsNeverCreatesATable() throws {
        let database = try DatabaseQueue()
        let cache = DossierCache(database: database)
        _ = try? cache.manifest(of: "f")
        _ = try? cache.heldBytes()
        _ = try? DossierIndex(database: database).search("budget")
        _ = try? PendingUpload.all(in: database)
        let tables = try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables.isEmpty, "a read created \(tables)")
    }

    @Test func aReplicaWhoseDossierTablesPredateTheMigratorKeepsTheirRows() throws {
        let database = try DatabaseQueue()
        // As the tables were created on first use before the migrator: same schema, a row kept.
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE dossier_chunks (hash BLOB NOT NULL UNIQUE, bytes BLOB NOT NULL);
                INSERT INTO dossier_chunks (hash, bytes) VALUES (x'01', x'02');
                """)
        }
        try DossierSchema.migrate(database)
        try DossierSchema.migrate(database)
        let (rows, applied) = try database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM dossier_chunks") ?? 0, try DossierSchema.migrator.appliedIdentifiers(db))
        }
        #expect(rows == 1)
        #expect(applied == ["dossiers v1: cache, pending uploads, index, seen", "dossiers v2: pending uploads' content hash"])
    }
}
