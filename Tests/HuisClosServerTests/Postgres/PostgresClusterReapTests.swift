import Foundation
import HuisClosTestSupport
import Testing

/// A test process killed before it stops its PostgreSQL cluster leaves it running: the next start
/// of any cluster stops and deletes it (`PostgresCluster.reapOrphans`), and spares a live owner's.
@Suite(.enabled(if: PostgresCluster.enabled, "HUISCLOS_SKIP_POSTGRES=1 turned the PostgreSQL tests off"), .tags(.slow))
struct PostgresClusterReapTests {
    @Test func aClusterWhoseOwnerWasKilledIsStoppedAndDeletedByTheNextStart() async throws {
        // A process standing for a test run: the cluster is recorded as its, then it is killed (SIGKILL).
        let owner = try ChildProcess(URL(fileURLWithPath: "/bin/sleep"), ["600"])
        defer {
            owner.signal(SIGKILL)
            owner.wait()
        }
        let orphan = try await PostgresCluster.start(owner: owner.pid)
        defer { orphan.stop() }  // when it was not reaped: a failed test leaves no cluster either
        let alive = try await PostgresCluster.start(owner: getpid())
        defer { alive.stop() }
        #expect(try await Self.accepts(orphan.port))
        owner.signal(SIGKILL)
        owner.wait()  // at once: the child was just killed

        let next = try await PostgresCluster.start()
        defer { next.stop() }
        #expect(try await !Self.accepts(orphan.port), "the orphaned cluster still accepts connections")
        #expect(!FileManager.default.fileExists(atPath: orphan.folderURL.path), "the orphaned cluster's folder is left")
        #expect(try await Self.accepts(alive.port), "a cluster whose owner runs was reaped")
        #expect(FileManager.default.fileExists(atPath: alive.folderURL.path))
    }

    /// True when a PostgreSQL server answers on loopback `port` (`pg_isready`).
    static func accepts(_ port: Int) async throws -> Bool {
        let ready = try await CommandRun.run(executable: try PostgresCluster.program("pg_isready"),
                                             ["-h", "127.0.0.1", "-p", String(port), "-t", "5"])
        return ready.status == 0
    }
}
