import Foundation
import HuisClosTestSupport
import GRDB
import HuisClosReplica
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Writers killed with SIGKILL at random moments must leave a replica that reopens, passes
/// `integrity_check`, and holds exactly the acknowledged transactions (plus at most the one in
/// flight, if its commit reached the WAL before the acknowledgement was printed).
@Suite(.tags(.slow)) struct CrashSafetyTests {
    static let kills = 50
    static let rowsPerTransaction = 10
    static let killDelayMilliseconds = 30...350

    /// The helper executable, built beside the test bundle by `swift build` / `swift test`.
    static func childExecutable() throws -> URL {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        let candidates = folders.map { $0.appendingPathComponent("HuisClosReplicaCrashChild") }
        return try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                            "build the helper first: swift build --product HuisClosReplicaCrashChild")
    }

    /// Starts a writer, kills it a random delay after its first acknowledged commit (so the kill
    /// lands mid-run however long a loaded machine takes to start it), returns the highest number
    /// it acknowledged.
    func killOneWriter(_ child: URL, folder: URL) throws -> Int? {
        let process = try ChildProcess(child, [folder.path, passphrase, String(Self.rowsPerTransaction)],
                                       standardOutput: .pipe, standardError: .pipe)
        var early: [UInt8] = []
        while !early.contains(UInt8(ascii: "\n")) {
            let read = process.readAvailable()
            if read.isEmpty { break }  // it ended before acknowledging anything: the checks below say why
            early += read
        }
        // A real-time delay on purpose: the writer is another process committing on the real clock.
        usleep(useconds_t(Int.random(in: Self.killDelayMilliseconds) * 1_000))
        process.signal(SIGKILL)
        let (rest, errors) = process.readToEnd()
        let output = early + rest
        let termination = process.wait()
        #expect(termination == .signalled(SIGKILL), "the writer stopped by itself: \(String(decoding: errors, as: UTF8.self))")
        let printed = String(decoding: output, as: UTF8.self)
        return printed.split(separator: "\n").compactMap { Int($0) }.max()
    }

    /// Reopens the replica and returns (last committed transaction, integrity_check answer).
    func inspect(_ folder: URL) throws -> (last: Int, integrity: String?) {
        let replica = try Replica.open(at: folder, passphrase: passphrase)
        defer { try? replica.close() }
        return try replica.database.read { db in
            let last = try Int.fetchOne(db, sql: "SELECT last FROM state") ?? -1
            let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM row") ?? -1
            let distinct = try Int.fetchOne(db, sql: "SELECT count(DISTINCT txn) FROM row WHERE txn <= ?", arguments: [last]) ?? -1
            #expect(rows == last * Self.rowsPerTransaction, "a partial transaction is visible")
            #expect(distinct == last, "a committed transaction is missing")
            return (last, try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func killedWritersLoseNoAcknowledgedCommitAndLeaveNoPartialOne() throws {
        let child = try Self.childExecutable()
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let replica = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits)
        try replica.database.write { db in
            try db.execute(sql: "CREATE TABLE row(txn INTEGER NOT NULL, seq INTEGER NOT NULL, body BLOB, PRIMARY KEY (txn, seq))")
            try db.execute(sql: "CREATE TABLE state(last INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO state(last) VALUES (0)")
        }
        try replica.close()

        var committed = 0
        var killedMidRun = 0
        for kill in 1...Self.kills {
            let acknowledged = try killOneWriter(child, folder: folder) ?? committed
            let found = try inspect(folder)
            #expect(found.integrity == "ok", "kill \(kill)")
            #expect(found.last >= acknowledged && found.last <= acknowledged + 1,
                    "kill \(kill): acknowledged \(acknowledged), found \(found.last)")
            if found.last > committed { killedMidRun += 1 }
            committed = found.last
        }
        #expect(killedMidRun == Self.kills, "every writer was killed after committing")
    }
}
