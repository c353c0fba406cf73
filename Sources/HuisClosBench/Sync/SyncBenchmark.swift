import ArgumentParser
import Foundation
import HuisClosServer

/// `huisclos-bench sync`: (a) a fresh device's initial sync against the same bytes downloaded
/// plainly from the same server process; (b) concurrent devices pushing small batches.
///
/// The server runs as a child process (`huisclos-bench serve`), so this process's peak memory is
/// the client's (plus the streaming seed, one chunk at a time) and the server's written bytes are
/// the bytes it sent on the wire.
struct SyncBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Initial sync vs raw download; concurrent push throughput.")

    @Option(help: "Operations in the server's log.") var operations = 100_000
    @Option(help: "Files on the server.") var files = 200
    @Option(help: "Total file megabytes (10^6 bytes).") var fileMegabytes = 500
    @Option(help: "Concurrent pushing devices.") var devices = 100
    @Option(help: "Push phase duration, seconds.") var pushSeconds = 20
    @Option(help: "Initial-sync runs (the side timed first alternates; medians reported).") var runs = 3

    func validate() throws {
        guard (1...20).contains(runs) else { throw ValidationError("--runs must be 1…20") }
    }

    func run() async throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? NSTemporaryDirectory()
        let folder = URL(fileURLWithPath: base).appendingPathComponent("huisclos-bench-sync-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let adminToken = "bench-admin-token-0123456789abcdef"
        let serverFolder = folder.appendingPathComponent("server")

        var workload = SyncWorkload()
        workload.operations = operations
        workload.files = files
        workload.fileBytesTotal = fileMegabytes * 1_000_000
        let seedStart = ContinuousClock.now
        let seeded = try await workload.seed(try SQLiteServerStorage(folder: serverFolder))
        print("seeded \(operations) operations (\(seeded.batchBytes) B of batches) and \(files) files (\(seeded.fileBytes) B) in \(format((ContinuousClock.now - seedStart).seconds)) s")

        let server = try BenchServerProcess(folder: serverFolder, adminToken: adminToken)
        defer { server.stop() }
        let initial = try await InitialSyncPhase(server: server, adminToken: adminToken, seeded: seeded, folder: folder, runs: runs).run()
        let payload = Double(seeded.batchBytes + seeded.fileBytes)
        for (index, run) in initial.runs.enumerated() {
            print("initial sync run \(index + 1) (\(run.syncFirst ? "sync first" : "raw first")): sync \(format(run.sync.seconds)) s "
                  + "(log \(format(run.sync.logSeconds)) s), raw \(format(run.raw.seconds)) s (log \(format(run.raw.logSeconds)) s): ratio "
                  + "\(format(run.sync.seconds / run.raw.seconds)); CPU \(format(run.sync.cpuSeconds)) s against \(format(run.raw.cpuSeconds)) s: "
                  + "ratio \(format(run.sync.cpuSeconds / run.raw.cpuSeconds))")
        }
        let ratio = median(initial.runs.map { $0.sync.seconds / $0.raw.seconds })
        let cpuRatio = median(initial.runs.map { $0.sync.cpuSeconds / $0.raw.cpuSeconds })
        print("initial sync ÷ raw download, median of \(runs) runs: \(format(ratio)) wall, \(format(cpuRatio)) CPU (client and server)")
        print("bytes on the wire / payload: \(format(initial.wireBytes)) / \(format(payload)) = \(format(initial.wireBytes / payload))")
        print("client peak memory during the sync (VmHWM): \(format(initial.clientPeakMiB)) MiB")

        let push = try await PushLoadPhase(server: server, adminToken: adminToken, devices: devices, duration: .seconds(pushSeconds)).run()
        let opsPerSecond = Double(push.acceptedOperations) / push.seconds
        print("push: \(devices) devices, \(push.acceptedOperations) operations accepted in \(format(push.seconds)) s = \(format(opsPerSecond)) ops/s; p99 latency \(format(push.p99Milliseconds)) ms")
        print("RATIO sync.initial_vs_raw=\(format(ratio)) sync.initial_cpu_vs_raw=\(format(cpuRatio)) sync.push_ops_per_s=\(Int(opsPerSecond)) sync.client_peak_mb=\(format(initial.clientPeakMiB))")
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
