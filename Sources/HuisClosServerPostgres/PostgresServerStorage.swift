import Foundation
import HuisClosL10n
public import HuisClosServer
public import Logging
import NIOCore
import PostgresNIO

/// The `ServerStorage` of a deployment that outgrew embedded SQLite: one PostgreSQL database,
/// shared by every relay instance of the deployment.
///
/// Structure parallel to `SQLiteServerStorage` (one extension per part of the contract, same
/// tables). Each method runs in one transaction on a pooled connection; a method that returned has
/// committed (PostgreSQL's default `synchronous_commit = on`). Concurrent instances are made safe
/// by the database, not by this process: pushes take a per-scope transaction lock before placing
/// (`pg_advisory_xact_lock`), so two instances pushing the same device serialise and the second
/// sees `.duplicate`, never a fork or a second copy; unique keys back every rule.
public final class PostgresServerStorage: ServerStorage {
    let client: PostgresClient
    let logger: Logger
    /// The task running the client's connection pool, cancelled by `close()`.
    private let runner: Task<Void, Never>
    /// The database's address, password masked (for messages).
    public let displayAddress: String
    /// The council whose schema this storage reads and writes; nil for the default council
    /// (the database's `public` schema).
    public let council: CouncilID?

    /// Connects to `location`, migrates the schema (refusing one newer than this binary knows),
    /// and returns the storage ready to serve. A hosted `council` lives in a schema of its own,
    /// `huisclos_council_<id>` (created when missing), which every connection of this storage
    /// has as its only `search_path`: its statements never name another council's tables.
    /// The schema records its council (`CouncilIdentity`): one recording another council is
    /// refused. `creating` (`councils create`) refuses a hosted council's schema that exists.
    public static func open(_ location: PostgresLocation, council: CouncilID? = nil, creating: Bool = false, logger: Logger)
        async throws(StorageError) -> PostgresServerStorage
    {
        var logger = logger
        if let council { logger[metadataKey: "council"] = "\(council)" }
        let storage = PostgresServerStorage(location: location, council: council, logger: logger)
        do {
            try await PostgresSchema.migrate(storage, creating: creating)
        } catch {
            storage.close()
            throw error
        }
        return storage
    }

    private init(location: PostgresLocation, council: CouncilID?, logger: Logger) {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        configuration.options.maximumConnections = council == nil ? ServerPostgresLimits.connectionsMax : ServerPostgresLimits.councilConnectionsMax
        if let council { configuration.options.additionalStartupParameters = [("search_path", council.schemaName)] }
        configuration.options.connectTimeout = .seconds(ServerPostgresLimits.connectSecondsMax)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        self.displayAddress = location.displayAddress
        self.council = council
        self.runner = Task { await client.run() }
    }

    /// The seed of this storage's per-scope push locks: 0 for the default council (as every
    /// earlier version, so old and new instances still serialise during a rolling upgrade), a
    /// number of the council's own otherwise (councils never wait on each other's scopes).
    var lockSeed: Int64 {
        guard let council else { return 0 }
        // FNV-1a over the identifier: stable across processes and versions, unlike Hasher.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in council.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0100_0000_01B3 }
        return Int64(bitPattern: hash | 1)
    }

    /// Closes every connection; the storage must not be used afterwards.
    public func close() {
        runner.cancel()
    }

    deinit { runner.cancel() }

    /// Runs `body` in one transaction, mapping database errors to `StorageError`.
    func write<T: Sendable>(_ what: String, _ body: (PostgresConnection) async throws -> T) async throws(StorageError) -> T {
        let logger = self.logger
        return try await mapped(what) { try await client.withTransaction(logger: logger) { try await body($0) } }
    }

    /// Runs a read on one connection (one statement, or several that may see different commits).
    func read<T: Sendable>(_ what: String, _ body: (PostgresConnection) async throws -> T) async throws(StorageError) -> T {
        try await mapped(what) { try await client.withConnection { try await body($0) } }
    }

    /// Awaits `operation`, mapping its failure to `StorageError` with what PostgreSQL said (its
    /// SQLSTATE and message; never the statement's arguments).
    func mapped<T>(_ what: String, _ operation: () async throws -> T) async throws(StorageError) -> T {
        do {
            return try await operation()
        } catch {
            throw Self.storageError(error, what: what, address: displayAddress)
        }
    }

    static func storageError(_ error: any Error, what: String, address: String) -> StorageError {
        if let error = error as? StorageError { return error }
        if let error = error as? PostgresTransactionError {
            return storageError(error.closureError ?? error.commitError ?? error.beginError ?? error, what: what, address: address)
        }
        if let error = error as? PSQLError {
            if let state = error.serverInfo?[.sqlState], let message = error.serverInfo?[.message] {
                return StorageError(.unavailable, Text(fr: "une opération a échoué sur PostgreSQL à \(address) : état SQL \(state)",
                                                 en: "\(what) failed on PostgreSQL at \(address): \(state) \(message)"))
            }
            return StorageError(.unavailable, Text(
                fr: "PostgreSQL à \(address) est injoignable (\(error.code)) : vérifiez qu'il tourne et accepte cet utilisateur",
                en: "\(what) failed: PostgreSQL at \(address) is unreachable (\(error.code)); check that it runs and accepts this user"))
        }
        return StorageError(.unavailable, Text(fr: "une opération a échoué sur PostgreSQL à \(address) : vérifiez qu'il tourne, puis réessayez",
                                         en: "\(what) failed on PostgreSQL at \(address): \(error)"))
    }
}

extension PostgresConnection {
    /// Runs `query` and returns every row (a transaction's next statement needs the rows drained).
    func rows(_ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }

    /// The first column of the first row, decoded; nil when there is no row or the value is NULL.
    func value<T: PostgresDecodable>(_ type: T.Type, _ query: PostgresQuery, _ logger: Logger) async throws -> T? {
        guard let cell = try await rows(query, logger).first?.makeRandomAccess()[0], cell.bytes != nil else { return nil }
        return try cell.decode(T.self)
    }

    /// Runs a statement (to count the rows it changed, give it `RETURNING 1` and count `rows`).
    func run(_ query: PostgresQuery, _ logger: Logger) async throws {
        _ = try await rows(query, logger)
    }
}

/// A `bytea` argument.
func bytea(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }

extension ByteBuffer {
    /// The readable bytes as an array.
    var bytes: [UInt8] { Array(readableBytesView) }
}
