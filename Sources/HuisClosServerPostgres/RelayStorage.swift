public import Foundation
public import HuisClosServer
public import Logging

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
        guard let open = try councilOpener(database: database, logger: logger) else { return nil }
        var opened: [CouncilID: Result<RelayServer.CouncilStorage, any Error>] = [:]
        for council in try CouncilDirectory(dataFolder: dataFolder).councils() {
            do {
                opened[council] = .success(try await open(council))
            } catch {
                opened[council] = .failure(error)
            }
        }
        return opened
    }

    /// How the relay opens a council created after it started: its PostgreSQL schema on
    /// `database` (migrated, identity checked, its bus channel joined); nil for SQLite, where the
    /// relay opens the council's file in its folder itself.
    public static func councilOpener(database: String?, logger: Logger) throws
        -> (@Sendable (CouncilID) async throws -> RelayServer.CouncilStorage)?
    {
        guard let database, !database.isEmpty else { return nil }
        let location = try PostgresLocation(url: database)
        let instance = UUID()
        return { council in
            let storage = try await PostgresServerStorage.open(location, council: council, logger: logger)
            return (storage, PostgresRelayBus(storage: storage, instance: instance))
        }
    }
}
