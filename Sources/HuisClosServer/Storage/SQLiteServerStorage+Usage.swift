import GRDB

extension SQLiteServerStorage {
    /// The pages in use times the page size: what the council's file needs on disk, whatever
    /// table holds it (a page freed by a deletion is reused before the file grows, so it does not count).
    public func storedBytes() async throws(StorageError) -> Int64 {
        try await read("measuring the council's storage") { db in
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return (pages - free) * size
        }
    }

    public func storedContributionBytes() async throws(StorageError) -> Int64 {
        try await read("measuring the contributions' storage") { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(LENGTH(bytes)), 0) FROM contribution") ?? 0
        }
    }
}
