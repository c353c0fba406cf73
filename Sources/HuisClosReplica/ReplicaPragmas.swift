import CHuisClosVFS
import CSQLite
import GRDB
import HuisClosL10n

/// The connection settings every replica runs with, applied before GRDB first reads the file.
///
/// Order matters (SQLite 3.40): exclusive locking before WAL, so the WAL index lives in heap
/// memory and no `-shm` file is created; reserved bytes requested before page 1 is first written,
/// i.e. before `journal_mode=WAL`; a new database goes through `journal_mode=MEMORY` first, so
/// switching to WAL never writes a rollback journal file (which the VFS would refuse anyway).
enum ReplicaPragmas {
    static func apply(to db: Database, creating: Bool) throws {
        try expect(db, "PRAGMA locking_mode = EXCLUSIVE", returns: "exclusive")
        try db.execute(sql: "PRAGMA temp_store = MEMORY")
        try db.execute(sql: "PRAGMA cache_size = -\(ReplicaLimits.pageCacheKiB)")
        if creating {
            try db.execute(sql: "PRAGMA page_size = \(ReplicaLimits.pageBytes)")
            let requested = hc_vfs_request_reserve(db.sqliteConnection)
            guard requested == SQLITE_OK else { throw failure(Text(fr: "impossible de réserver les octets de page (code SQLite \(requested))",
                                                                   en: "could not request reserved bytes (SQLite code \(requested))")) }
            try expect(db, "PRAGMA journal_mode = MEMORY", returns: "memory")
        }
        try expect(db, "PRAGMA journal_mode = WAL", returns: "wal")
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
        try db.execute(sql: "PRAGMA wal_autocheckpoint = \(ReplicaLimits.walAutocheckpointPages)")
        try verify(db)
    }

    /// Reads back what SQLite actually uses: a replica that runs with other settings is refused.
    private static func verify(_ db: Database) throws {
        var reserve: Int32 = -1
        let read = hc_vfs_read_reserve(db.sqliteConnection, &reserve)
        guard read == SQLITE_OK, Int(reserve) == ReplicaLimits.reserveBytes else {
            throw failure(Text(fr: "la base réserve \(reserve) octets par page, et non \(ReplicaLimits.reserveBytes) : elle n'a pas été créée comme une réplique",
                               en: "the database reserves \(reserve) bytes per page, not \(ReplicaLimits.reserveBytes): it was not created as a replica"))
        }
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size")
        let tempStore = try Int.fetchOne(db, sql: "PRAGMA temp_store")
        guard pageSize == ReplicaLimits.pageBytes, tempStore == 2 else {
            throw failure(Text(fr: "SQLite a ignoré les réglages de la réplique (taille de page \(pageSize ?? 0), temp_store \(tempStore ?? 0))",
                               en: "SQLite ignored the replica settings (page size \(pageSize ?? 0), temp_store \(tempStore ?? 0))"))
        }
    }

    private static func expect(_ db: Database, _ sql: String, returns expected: String) throws {
        let answer = try String.fetchOne(db, sql: sql)?.lowercased()
        guard answer == expected else { throw failure(Text(fr: "\(sql) a rendu \(answer ?? "rien"), et non \(expected)",
                                                           en: "\(sql) returned \(answer ?? "nothing"), not \(expected)")) }
    }

    private static func failure(_ what: Text) -> ReplicaError {
        ReplicaError(.storageFailed, Text(fr: "\(what.french) ; la réplique ne peut pas être ouverte sans risque", en: "\(what.english); the replica cannot be opened safely"))
    }
}
