import ArgumentParser
import AsyncHTTPClient
import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosWire
import Synchronization

/// `huisclos-bench watch-load`: many devices holding watch sockets open while others push at a
/// steady rate (issue 14, item 5): push latency (request to acknowledgement) and poke latency
/// (push sent to poke received) at the 99th percentile, and the server's resident memory per
/// connected device.
///
/// Devices are grouped as councils are: each scope is read by `--watchers-per-scope` devices and
/// written by one pushing device, so a push pokes one group, as a council's push pokes its members.
struct WatchLoadBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch-load",
                                                    abstract: "Devices on watch sockets while others push at a fixed rate: p99 latencies, memory per socket.")

    @Option(help: "Devices holding a watch socket open.") var watchers = 1_000
    @Option(help: "Watchers reading each scope (a council's size).") var watchersPerScope = 30
    @Option(help: "Pushes per second, all scopes together.") var pushesPerSecond = 200
    @Option(help: "Push phase duration, seconds.") var seconds = 20

    func run() async throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? NSTemporaryDirectory()
        let folder = URL(fileURLWithPath: base).appendingPathComponent("huisclos-bench-watch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let adminToken = "bench-admin-token-0123456789abcdef"
        let server = try BenchServerProcess(folder: folder.appendingPathComponent("server"), adminToken: adminToken,
                                            connectionsPerAddress: watchers + 512)
        defer { server.stop() }
        let scopes = try (0..<max(1, (watchers + watchersPerScope - 1) / watchersPerScope)).map { try ScopeID("group:\($0)") }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = scopes.count + 8
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        defer { _ = http.shutdown() }
        let admin = SyncClient(server: server.url, device: nil, http: http)
        func device(reading scope: ScopeID, writes: Bool) async throws -> (SyncClient, SigningKeyPair) {
            let key = try SigningKeyPair.generate()
            let code = try await admin.createEnrolmentCode(access: DeviceAccess(readable: [scope], writable: writes ? [scope] : []),
                                                           adminToken: adminToken).code
            let client = SyncClient(server: server.url, device: key, http: http)
            _ = try await client.enrol(code: code)
            try await client.login()
            return (client, key)
        }

        let enrolStart = ContinuousClock.now
        var listeners: [SyncClient] = []
        for index in 0..<watchers { listeners.append(try await device(reading: scopes[index % scopes.count], writes: false).0) }
        var pushers: [(SyncClient, SigningKeyPair, ScopeID)] = []
        for scope in scopes {
            let (client, key) = try await device(reading: scope, writes: true)
            pushers.append((client, key, scope))
        }
        print("enrolled and logged in \(watchers) watchers and \(pushers.count) pushers in \(format((ContinuousClock.now - enrolStart).seconds)) s")

        let residentBefore = ProcessStats.residentMiB(pid: server.pid)
        let latencies = LatencyLog()
        let connected = LatencyLog()
        let connectStart = ContinuousClock.now
        let sockets = listeners.map { client in
            Task {
                try await client.watch { heads in
                    if heads.values.allSatisfy({ $0 == 0 }) { connected.record(0) } else { latencies.poked(heads) }
                }
            }
        }
        defer { for socket in sockets { socket.cancel() } }
        for _ in 0..<6_000 where connected.count < watchers { try await Task.sleep(for: .milliseconds(10)) }
        let residentAfter = ProcessStats.residentMiB(pid: server.pid)
        let perDevice = (residentAfter - residentBefore) * 1024 / Double(max(1, connected.count))
        print("\(connected.count) watch sockets open in \(format((ContinuousClock.now - connectStart).seconds)) s; server resident memory \(format(residentBefore)) → \(format(residentAfter)) MiB = \(format(perDevice)) KiB per connected device")

        let perPusher = Double(pushesPerSecond) / Double(pushers.count)
        let interval = Duration.seconds(1 / perPusher)
        let count = Int((Double(seconds) * perPusher).rounded(.up))
        let body = [UInt8](repeating: 0xa5, count: 640)
        let presigned = try pushers.map { _, key, scope in
            var previous = BatchEnvelope.genesisHash
            return try (1...count).map { sequence in
                let batch = try BatchEnvelope.sign(device: key, scope: scope, epoch: 1, sequence: UInt64(sequence),
                                                   previousHash: previous, bodyKind: .sealed, body: body)
                previous = batch.hash
                return batch
            }
        }
        let start = ContinuousClock.now
        let pushLatencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for (pusher, batches) in zip(pushers, presigned) {
                group.addTask {
                    var measured: [Double] = []
                    // Staggered starts, then one push per interval on the clock (not after the last answer).
                    let offset = interval * Double.random(in: 0..<1)
                    for (index, batch) in batches.enumerated() {
                        try await Task.sleep(until: start + offset + interval * Double(index), clock: .continuous)
                        let sent = ContinuousClock.now
                        latencies.sent(scope: pusher.2, head: UInt64(index + 1), at: sent)
                        let result = try await pusher.0.push([batch])
                        guard result.first?.status == .accepted else { throw ValidationError("a push was refused: \(result)") }
                        measured.append((ContinuousClock.now - sent).seconds * 1000)
                    }
                    return measured
                }
            }
            return try await group.reduce(into: [Double]()) { $0 += $1 }
        }.sorted()
        let elapsed = (ContinuousClock.now - start).seconds
        try await Task.sleep(for: .milliseconds(500))  // the last pokes in flight
        let pokes = latencies.values.sorted()
        print("pushed \(pushLatencies.count) batches in \(format(elapsed)) s = \(format(Double(pushLatencies.count) / elapsed)) pushes/s to \(pushers.count) scopes of \(watchersPerScope) watchers")
        print("push latency p50 \(format(Self.percentile(pushLatencies, 0.5))) ms, p99 \(format(Self.percentile(pushLatencies, 0.99))) ms; "
              + "poke latency (push sent → poke received) p50 \(format(Self.percentile(pokes, 0.5))) ms, p99 \(format(Self.percentile(pokes, 0.99))) ms over \(pokes.count) pokes")
        print("RATIO watch.push_p99_ms=\(format(Self.percentile(pushLatencies, 0.99))) watch.poke_p99_ms=\(format(Self.percentile(pokes, 0.99))) watch.kib_per_socket=\(format(perDevice))")
    }

    static func percentile(_ sorted: [Double], _ rank: Double) -> Double {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * rank))]
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// When each head was pushed, and how long its pokes took to arrive.
final class LatencyLog: Sendable {
    private struct State {
        var sent: [ScopeID: [UInt64: ContinuousClock.Instant]] = [:]
        var values: [Double] = []
    }
    private let state = Mutex(State())

    func sent(scope: ScopeID, head: UInt64, at instant: ContinuousClock.Instant) {
        state.withLock { $0.sent[scope, default: [:]][head] = instant }
    }

    /// Records the latency of each poked head whose push is known (a coalesced poke counts once).
    func poked(_ heads: [ScopeID: UInt64]) {
        let now = ContinuousClock.now
        state.withLock { state in
            for (scope, head) in heads {
                if let sent = state.sent[scope]?[head] { state.values.append((now - sent).seconds * 1000) }
            }
        }
    }

    func record(_ value: Double) { state.withLock { $0.values.append(value) } }
    var count: Int { state.withLock { $0.values.count } }
    var values: [Double] { state.withLock { $0.values } }
}
