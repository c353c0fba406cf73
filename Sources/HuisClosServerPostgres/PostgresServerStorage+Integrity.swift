public import HuisClosServer
import PostgresNIO

extension PostgresServerStorage {
    /// PostgreSQL guards its own pages (WAL, and checksums where the cluster enables them) and
    /// reports damage on the statement that meets it, which the routes turn into readiness off.
    /// What this check can see is whether every table the relay needs answers: a count of each
    /// (a damaged heap page fails it). The membership log is verified again by `RelayIntegrity`.
    public func integrityProblems() async throws(StorageError) -> [String] {
        let logger = self.logger
        return try await read("checking the database's tables") { connection in
            var problems: [String] = []
            for table in PostgresSchema.tables {
                do {
                    _ = try await connection.value(Int64.self, PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), logger)
                } catch {
                    problems.append("table \(table) cannot be read: \(String(reflecting: error))")
                }
            }
            return problems
        }
    }
}
