import Foundation
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosServerPostgres
import HuisClosTestSupport
import HuisClosWire
import Logging
import Testing

/// The PostgreSQL backend passes the same `ServerStorage` contract as SQLite, on a real cluster
/// (one per test run, a fresh database per test), and keeps the rules that only several relay
/// instances on one database can break.
@Suite(.postgresCluster, .enabled(if: PostgresCluster.enabled, "HUISCLOS_SKIP_POSTGRES=1 turned the PostgreSQL tests off"), .tags(.slow))
struct PostgresStorageTests {
    /// Errors only: the client's start-up chatter would drown the test output.
    static let logger = {
        var logger = Logger(label: "postgres-tests")
        logger.logLevel = .error
        return logger
    }()

    /// A fresh database of the suite's cluster, migrated.
    static func freshStorage() async throws -> (PostgresServerStorage, url: String) {
        let url = try await SuiteCluster.get().createDatabase()
        return (try await PostgresServerStorage.open(try PostgresLocation(url: url), logger: logger), url)
    }

    @Test(arguments: StorageConformance.checks.map(\.name))
    func postgresStorageKeepsTheContract(_ name: String) async throws {
        let check = try #require(StorageConformance.checks.first { $0.name == name })
        let (storage, _) = try await Self.freshStorage()
        defer { storage.close() }
        try await check.run(storage)
    }

    @Test func postgresStorageKeepsEverythingAcrossAReopen() async throws {
        let (storage, url) = try await Self.freshStorage()
        let batches = try StorageConformance.batches(4)
        _ = try await storage.push(batches, receivedAt: StorageConformance.now)
        storage.close()
        let reopened = try await PostgresServerStorage.open(try PostgresLocation(url: url), logger: Self.logger)
        defer { reopened.close() }
        let page = try await reopened.pull(scope: .council, after: 0, maxBatches: 10, maxBytes: 100_000)
        #expect(page.batches == batches.map(\.encoded))
        #expect(page.receivedAtMs == Array(repeating: UInt64(StorageConformance.now.timeIntervalSince1970 * 1000), count: 4))
    }

    /// A `pg_restore --clean` of a dump is another incarnation (`HuisClos-Incarnation`) with no
    /// step of the operator's; reopening the database, as a restarted relay does, is the same one.
    @Test func aPgRestoreGivesTheRelayANewIncarnation() async throws {
        let (storage, url) = try await Self.freshStorage()
        let first = try await storage.incarnation()
        storage.close()
        let reopened = try await PostgresServerStorage.open(try PostgresLocation(url: url), logger: Self.logger)
        #expect(try await reopened.incarnation() == first)
        reopened.close()
        try await SuiteCluster.get().dumpAndRestore(database: url)
        let restored = try await PostgresServerStorage.open(try PostgresLocation(url: url), logger: Self.logger)
        defer { restored.close() }
        let after = try await restored.incarnation()
        #expect(after != first && RelayIncarnation.parse(after) == after, "\(first) → \(after)")
    }

    @Test func aDatabaseMigratedByANewerBinaryIsRefusedUnchanged() async throws {
        let (storage, url) = try await Self.freshStorage()
        storage.close()
        try await SuiteCluster.get().execute("UPDATE huisclos_schema SET version = version + 1", database: url)
        await #expect {
            _ = try await PostgresServerStorage.open(try PostgresLocation(url: url), logger: Self.logger)
        } throws: { error in
            guard let error = error as? StorageError, error.code == .schemaTooNew else { return false }
            return error.message.contains("plus récent") && error.message.contains("newer than this huisclos-server knows")
        }
    }

    /// Four instances (four connection pools) pushing the same device's chain at once: each batch
    /// is appended once, the other pushes see it as a duplicate (never a database error), and the
    /// log is the chain in order.
    @Test func concurrentPushesOfOneDeviceThroughSeveralInstancesAreIdempotent() async throws {
        let (first, url) = try await Self.freshStorage()
        var instances = [first]
        for _ in 1..<4 { instances.append(try await PostgresServerStorage.open(try PostgresLocation(url: url), logger: Self.logger)) }
        defer { for storage in instances { storage.close() } }
        let chain = try StorageConformance.batches(30)
        let outcomes = try await withThrowingTaskGroup(of: [PushOutcome].self) { group in
            for storage in instances {
                group.addTask {
                    var outcomes: [PushOutcome] = []
                    for batch in chain { outcomes += try await storage.push([batch], receivedAt: StorageConformance.now) }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        for index in chain.indices {
            let cursor = UInt64(index + 1)
            let placed = outcomes.map { $0[index] }
            #expect(placed.filter { $0 == .accepted(cursor: cursor) }.count == 1
                    && placed.filter { $0 == .duplicate(cursor: cursor) }.count == 3, "batch \(cursor): \(placed)")
        }
        let page = try await first.pull(scope: .council, after: 0, maxBatches: 100, maxBytes: 1_000_000)
        #expect(page.batches == chain.map(\.encoded) && page.head == 30)
    }

    @Test func aBadDatabaseAddressSaysTheExpectedForm() {
        #expect(throws: StorageError.self) { try PostgresLocation(url: "postgres://secret@/nodb") }
        let location = try? PostgresLocation(url: "postgres://relay:s3cret@db.example.org:6432/huisclos")
        #expect(location == PostgresLocation(host: "db.example.org", port: 6432, user: "relay", password: "s3cret", database: "huisclos"))
        #expect(location?.displayAddress == "postgres://relay:***@db.example.org:6432/huisclos")
    }
}
