public import HuisClosServer
import PostgresNIO

extension PostgresServerStorage {
    /// The size of every table of the council's schema (the connection's `current_schema()`: its
    /// own for a hosted council, `public` for the default one), indexes and TOAST included, as
    /// PostgreSQL's catalog knows it: no row is read, and every instance sees the same figure.
    public func storedBytes() async throws(StorageError) -> Int64 {
        let logger = self.logger
        return try await read("measuring the council's storage") { connection in
            try await connection.value(Int64.self, """
                SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::BIGINT FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
                """, logger) ?? 0
        }
    }

    public func storedContributionBytes() async throws(StorageError) -> Int64 {
        let logger = self.logger
        return try await read("measuring the contributions' storage") { connection in
            try await connection.value(Int64.self, "SELECT COALESCE(SUM(octet_length(bytes)), 0)::BIGINT FROM contribution", logger) ?? 0
        }
    }
}
