import Foundation
import HuisClosServer
import Logging

/// Which `ServerStorage` a relay runs on, from its `--database` setting: PostgreSQL for a
/// `postgres://` address (with the bus joining the other instances on that database), else the
/// embedded SQLite file in the data folder (the default, one process, no bus).
public enum RelayStorage {
    /// Opens (and migrates) the storage `database` names; nil or empty means SQLite in `dataFolder`.
    public static func open(database: String?, dataFolder: URL, logger: Logger) async throws(StorageError)
        -> (storage: any ServerStorage, bus: (any RelayBus)?)
    {
        guard let database, !database.isEmpty else { return (try SQLiteServerStorage(folder: dataFolder), nil) }
        let storage = try await PostgresServerStorage.open(try PostgresLocation(url: database), logger: logger)
        return (storage, PostgresRelayBus(storage: storage, instance: UUID()))
    }
}
