import ArgumentParser
import Foundation
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosReplica
import HuisClosStore

/// `huisclos-bench w1`: one fresh on-disk replica merges W1's 30 replicas, side by side with the
/// peer CRDT engines on the same operations; the last line is the ratio.
struct W1: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "w1",
        abstract: "W1 merge throughput (verify + merge + persist + commit) against Yrs and Loro.")

    @Option(help: "The W1 TSV (python3 shared/bench/gen_w1.py FILE).")
    var data: String

    @Option(help: "Operations per signed batch.")
    var batchSize = 1_000

    @Option(help: "Folder for the replica databases and the peers' virtualenv.")
    var workFolder = "bench-data"

    @Option(help: "The peers script (default: shared/bench/peers_w1.py beside this checkout, or /work/shared).")
    var peersScript: String?

    func validate() throws {
        guard (1...EngineLimits.operationsPerBatchMax).contains(batchSize) else {
            throw ValidationError("--batch-size must be 1…\(EngineLimits.operationsPerBatchMax)")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: workFolder, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let workload = try W1Workload(tsv: data, batchSize: batchSize)
        let batchCount = workload.batchesByReplica.reduce(0) { $0 + $1.count }
        print("W1: \(workload.batchesByReplica.count) replicas, \(workload.operationCount) ops, \(batchCount) signed batches of ≤ \(batchSize) ops")
        print("replica database: the encrypted replica (Replica.create: page-encrypting VFS, WAL, synchronous=NORMAL, exclusive locking, 256 MiB page cache), fresh for each merge")
        // Best of two delivery orders, as the peers script does; both must give one digest.
        var best = Double.infinity
        var digests: Set<[UInt8]> = []
        for (name, order) in [("replica order", workload.batchesByReplica), ("reverse order", workload.batchesByReplica.reversed())] {
            let (seconds, cpu, digest) = try merge(order.flatMap { $0 }, workload, into: folder.appendingPathComponent("w1-replica"))
            digests.insert(digest)
            best = min(best, seconds)
            print("huisclos     merge \(String(format: "%10.0f", Double(workload.operationCount) / seconds)) ops/s (\(String(format: "%.0f", seconds * 1000)) ms wall, \(String(format: "%.0f", cpu * 1000)) ms CPU, \(name))   digest \(digest.prefix(8).map { String(format: "%02x", $0) }.joined())")
        }
        guard digests.count == 1 else { throw ValidationFailure("the two delivery orders gave different digests: merge is not convergent") }
        let ours = Double(workload.operationCount) / best
        print("huisclos     best merge \(String(format: "%.0f", ours)) ops/s, state digest \(digests.first!.map { String(format: "%02x", $0) }.joined())")
        let candidates = peersScript.map { [$0] } ?? ["../shared/bench/peers_w1.py", "/work/shared/bench/peers_w1.py"]
        guard let script = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw ValidationFailure("peers script not found at \(candidates.joined(separator: " or ")): pass --peers-script")
        }
        let peers = try PeerRunner(venv: folder.appendingPathComponent("venv"), script: script).run(data: data)
        print("RATIO w1.merge_vs_best_peer=\(String(format: "%.2f", ours / peers.opsPerSecond))")
    }

    /// Merges `batches` into a fresh encrypted replica in `folder`; returns the timed wall and CPU
    /// seconds and the digest.
    private func merge(_ batches: [[UInt8]], _ workload: W1Workload, into folder: URL) throws -> (Double, Double, [UInt8]) {
        try? FileManager.default.removeItem(at: folder)
        let replica = try Replica.create(at: folder, passphrase: "banc d'essai W1", limits: .interactive)
        defer { try? replica.close() }
        let queue = try replica.database
        let store = try ChangeStore(database: queue, device: try SigningKeyPair.generate(),
                                    authorizer: KnownDevicesAuthorizer(devices: Set(workload.devices)),
                                    wallClock: FixedWallClock(ms: workload.latestMs))
        let cpuStart = Self.processCPUSeconds()
        let start = ContinuousClock.now
        let report = try store.apply(batches)
        let elapsed = ContinuousClock.now - start
        let cpu = Self.processCPUSeconds() - cpuStart
        guard report.applied.count == batches.count else {
            throw ValidationFailure("merged \(report.applied.count) of \(batches.count) batches: \(report.rejected.first?.error.description ?? "held")")
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return (seconds, cpu, try store.digest())
    }

    /// CPU seconds used by the whole process so far (all threads): context for the wall time,
    /// which the cores shared with other work can stretch.
    private static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
