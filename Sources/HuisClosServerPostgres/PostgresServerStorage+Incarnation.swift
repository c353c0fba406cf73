import HuisClosL10n
public import HuisClosServer
import Logging
import PostgresNIO

extension PostgresServerStorage {
    /// The stored value with the table's OID: `pg_restore --clean` (README, "Backup and restore")
    /// puts the dump's value back but creates the table anew, so a restored database is another
    /// incarnation without any step of the operator's; a relay merely restarted reads the same.
    public func incarnation() async throws(StorageError) -> String {
        let logger = self.logger
        let address = displayAddress
        return try await read("reading the relay's incarnation") { connection in
            let query = PostgresQuery(unsafeSQL: "SELECT value || '-' || '\(StoredIncarnation.tableName)'::regclass::oid::text FROM \(StoredIncarnation.tableName)")
            guard let value = try await connection.value(String.self, query, logger) else {
                throw StorageError(.corrupt, Text(fr: "la base PostgreSQL à \(address) n'a plus l'incarnation du relais : lancez huisclos-server check et restaurez la dernière sauvegarde",
                                                  en: "the PostgreSQL database at \(address) lost the relay's incarnation: run huisclos-server check and restore the last backup"))
            }
            return value
        }
    }

    /// Records a fresh incarnation when the schema holds none (`StoredIncarnation`).
    static func claimIncarnation(on connection: PostgresConnection, _ logger: Logger) async throws {
        let table = StoredIncarnation.tableName
        try await connection.run(PostgresQuery(unsafeSQL: "CREATE TABLE IF NOT EXISTS \(table) (value TEXT NOT NULL)"), logger)
        guard try await connection.value(String.self, PostgresQuery(unsafeSQL: "SELECT value FROM \(table)"), logger) == nil else { return }
        try await connection.run("INSERT INTO relay_incarnation (value) VALUES (\(try StoredIncarnation.draw()))", logger)
    }
}
