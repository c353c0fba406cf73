import GRDB
@testable import HuisClosCouncilStore
import Testing

/// The council store's local table comes from one migrator run when the device opens (`Device`
/// runs it), not from a `CREATE … IF NOT EXISTS` at each queued acknowledgement.
@Suite struct CouncilStoreSchemaTests {
    @Test func theQueueTableComesFromTheMigratorAndKeepsRowsMadeBeforeIt() throws {
        let database = try DatabaseQueue()
        // As the table was created on first use before the migrator: same schema, a row kept.
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE council_pending_acknowledgement (
                    seance TEXT NOT NULL, member TEXT NOT NULL, field TEXT NOT NULL, at_ms INTEGER NOT NULL,
                    PRIMARY KEY (seance, member, field)) WITHOUT ROWID;
                INSERT INTO council_pending_acknowledgement VALUES ('s1', 'm1', 'readMs', 7);
                """)
        }
        try CouncilStoreSchema.migrate(database)
        try CouncilStoreSchema.migrate(database)
        let (rows, applied) = try database.read { db in
            (try PendingAcknowledgement.fetchAll(db), try CouncilStoreSchema.migrator.appliedIdentifiers(db))
        }
        #expect(rows == [PendingAcknowledgement(seance: "s1", member: "m1", field: "readMs", atMs: 7)])
        #expect(applied == ["council v1: pending acknowledgements"])
    }
}
