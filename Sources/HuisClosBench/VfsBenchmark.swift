import ArgumentParser
import Foundation
import GRDB
import HuisClosCrypto
import HuisClosReplica

/// `huisclos-bench vfs`: the same workload on plain SQLite and on an encrypted replica, in one
/// run, reporting each figure for both sides and encrypted ÷ plain ratios (see BENCHMARKS.md).
struct Vfs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vfs",
        abstract: "Encrypted replica vs plain SQLite: inserts, point reads, FTS5 queries; prints ratios.")

    @Option(help: "Rows inserted (about 100 bytes each).") var rows = 1_000_000
    @Option(help: "Rows per write transaction.") var transactionRows = 1_000
    @Option(help: "Random point reads by primary key, on a freshly reopened connection.") var reads = 100_000
    @Option(help: "Documents in the FTS5 table.") var documents = 20_000
    @Option(help: "FTS5 MATCH queries.") var queries = 1_000
    @Option(help: "Runs; each figure is the median over runs.") var runs = 3
    @Option(help: "SQLite page cache of both sides, KiB (default: the replica's).") var cacheKib = ReplicaLimits.pageCacheKiB
    @Option(help: "Folder for the databases (kept after the run).") var dataDirectory = "bench-data/vfs"

    func validate() throws {
        guard rows > 0, transactionRows > 0, reads > 0, documents > 0, queries > 0, cacheKib > 0, (1...9).contains(runs) else {
            throw ValidationError("counts must be positive and runs between 1 and 9")
        }
    }

    func run() throws {
        let workload = VfsWorkload(rows: rows, rowsPerTransaction: transactionRows, reads: reads,
                                   documents: documents, queries: queries, cacheKiB: cacheKib)
        let folder = URL(fileURLWithPath: dataDirectory).standardizedFileURL
        var plain: [VfsTimings] = []
        var encrypted: [VfsTimings] = []
        var counters: [EncryptionCounters] = []
        for run in 0..<runs {
            try? FileManager.default.removeItem(at: folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let sides: [VfsSide] = run % 2 == 0 ? [.plain, .encrypted] : [.encrypted, .plain]
            for side in sides {
                let timings = try side.measure(workload, in: folder, seed: UInt64(run + 1))
                if side == .plain { plain.append(timings.timings) } else { encrypted.append(timings.timings) }
                if !timings.counters.isEmpty { counters = timings.counters }
            }
        }
        VfsReport(workload: workload, runs: runs, folder: folder, plain: plain, encrypted: encrypted,
                  counters: counters).print()
    }
}

/// What one phase cost: wall-clock seconds, and CPU seconds of the whole process (less
/// disturbed than wall time when other jobs share the machine's cores).
struct VfsCost {
    var wall = 0.0
    var cpu = 0.0
}

/// The cost of each phase on one side, in one run.
struct VfsTimings {
    var write = VfsCost()
    var read = VfsCost()
    var ftsBuild = VfsCost()
    var ftsQuery = VfsCost()
}

/// The two ways of opening the same database: plain SQLite, or through the encrypting VFS.
enum VfsSide: Equatable {
    case plain, encrypted

    func measure(_ workload: VfsWorkload, in folder: URL, seed: UInt64) throws -> (timings: VfsTimings, counters: [EncryptionCounters]) {
        let text = TextSource(seed: 42)
        var timings = VfsTimings()
        var session = try open(workload, in: folder, creating: true)
        timings.write = try seconds { try workload.write(session.database, text: text) }
        let writeCounters = try session.replica?.encryptionCounters()
        try session.close()
        session = try open(workload, in: folder, creating: false)
        timings.read = try seconds { _ = try workload.read(session.database, seed: seed) }
        timings.ftsBuild = try seconds { try workload.buildFTS(session.database, text: text) }
        timings.ftsQuery = try seconds { _ = try workload.queryFTS(session.database, text: text, seed: seed) }
        let readCounters = try session.replica?.encryptionCounters()
        try session.close()
        return (timings, [writeCounters, readCounters].compactMap { $0 })
    }

    private func open(_ workload: VfsWorkload, in folder: URL, creating: Bool) throws -> VfsSession {
        switch self {
        case .plain:
            var configuration = Configuration()
            configuration.prepareDatabase { db in
                try db.execute(sql: """
                    PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY;
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = \(ReplicaLimits.walAutocheckpointPages)
                    """)
            }
            let path = folder.appendingPathComponent("plain.db").path
            return try VfsSession(database: DatabaseQueue(path: path, configuration: configuration), replica: nil,
                                  cacheKiB: workload.cacheKiB)
        case .encrypted:
            let replicaFolder = folder.appendingPathComponent("replica")
            let replica = creating
                ? try Replica.create(at: replicaFolder, passphrase: "banc d'essai HuisClos", limits: .interactive)
                : try Replica.open(at: replicaFolder, passphrase: "banc d'essai HuisClos")
            return try VfsSession(database: replica.database, replica: replica, cacheKiB: workload.cacheKiB)
        }
    }

    private func seconds(_ body: () throws -> Void) throws -> VfsCost {
        let cpuStart = processCPUSeconds()
        let elapsed = try ContinuousClock().measure(body)
        return VfsCost(wall: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                       cpu: processCPUSeconds() - cpuStart)
    }

    private func processCPUSeconds() -> Double {
        var now = timespec()
        let rc = clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        precondition(rc == 0, "clock_gettime(CLOCK_PROCESS_CPUTIME_ID) cannot fail on Linux")
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// An open database of either side, with the benchmark's page cache size applied.
struct VfsSession {
    let database: DatabaseQueue
    let replica: Replica?

    init(database: DatabaseQueue, replica: Replica?, cacheKiB: Int) throws {
        self.database = database
        self.replica = replica
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB)") }
    }

    func close() throws {
        if let replica { try replica.close() } else { try database.close() }
    }
}
