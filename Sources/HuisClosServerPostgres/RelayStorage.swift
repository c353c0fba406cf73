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

    /// Opens the storage of every council of `dataFolder`'s `CouncilDirectory` on `database`
    /// (its schema, migrated, its identity checked), or keeps why one could not be opened (that
    /// council alone then answers 503); nil for SQLite, where `RelayServer` opens each council's
    /// file itself.
    public static func councils(database: String?, dataFolder: URL, logger: Logger) async throws
        -> [CouncilID: Result<RelayServer.CouncilStorage, any Error>]?
    {
        guard let database, !database.isEmpty else { return nil }
        let location = try PostgresLocation(url: database)
        let instance = UUID()
        var opened: [CouncilID: Result<RelayServer.CouncilStorage, any Error>] = [:]
        for council in try CouncilDirectory(dataFolder: dataFolder).councils() {
            do {
                let storage = try await PostgresServerStorage.open(location, council: council, logger: logger)
                opened[council] = .success((storage, PostgresRelayBus(storage: storage, instance: instance)))
            } catch {
                opened[council] = .failure(error)
            }
        }
        return opened
    }
}
