import Foundation
import HuisClosServer
@testable import HuisClosServerPostgres
import HuisClosTestSupport
import PostgresNIO
import Testing

/// Councils on one PostgreSQL database never wait on each other's locks: the membership log's
/// append lock is seeded per council, as the push locks are.
extension PostgresStorageTests {
    @Test func aCouncilsMembershipAppendDoesNotWaitOnTheDefaultCouncils() async throws {
        let url = try await SuiteCluster.get().createDatabase()
        let location = try PostgresLocation(url: url)
        let root = try await PostgresServerStorage.open(location, logger: Self.logger)
        let est = try await PostgresServerStorage.open(location, council: try CouncilID("est"), logger: Self.logger)
        defer { for storage in [root, est] { storage.close() } }
        let finishedWhileHeld: Bool = try await root.read("holding the default council's append lock") { connection in
            try await connection.run("SELECT pg_advisory_lock(\(PostgresServerStorage.membershipLock))", Self.logger)
            return try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    _ = try await est.appendMembershipRecords([[1]], at: 0)
                    return true
                }
                // Real time on purpose: what is measured is a lock wait inside the PostgreSQL server.
                // An append that does not wait ends in milliseconds; one that waits (the old shared
                // key) ends only after the unlock below, so the test fails instead of hanging. 30 s:
                // a loaded machine's PostgreSQL took more than 5 s for an append that did not wait.
                group.addTask {
                    try await Task.sleep(for: .seconds(30))
                    return false
                }
                let first = try await group.next() ?? false
                try await connection.run("SELECT pg_advisory_unlock(\(PostgresServerStorage.membershipLock))", Self.logger)
                group.cancelAll()
                return first
            }
        }
        #expect(finishedWhileHeld, "est's append waited for the default council's lock")
        #expect(try await est.membershipRecords(from: 0) == [[1]])
    }
}
