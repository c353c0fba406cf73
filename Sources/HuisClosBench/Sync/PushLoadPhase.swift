import AsyncHTTPClient
import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosSync
import HuisClosWire

/// Phase (b): many devices pushing small batches at once for a fixed time.
struct PushLoadPhase {
    let server: BenchServerProcess
    let adminToken: String
    var devices = 100
    var operationsPerBatch = 10
    var operationBytes = 64
    var duration = Duration.seconds(20)
    /// Batches each device signs before the clock starts: on a real council every device signs on
    /// its own processor, so the simulated devices' signing (and `BatchEnvelope.sign`'s check of
    /// its own result) is kept out of the measured window as far as this pool lasts.
    var presignedPerDevice = 400

    struct Result {
        var acceptedOperations: Int
        var seconds: Double
        var p99Milliseconds: Double
    }

    func run() async throws -> Result {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = devices
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let admin = SyncClient(server: server.url, device: nil, http: http)
        var clients: [(SyncClient, SigningKeyPair)] = []
        for _ in 0..<devices {
            let key = try SigningKeyPair.generate()
            let code = try await admin.createEnrolmentCode(access: DeviceAccess(readable: [.council], writable: [.council]),
                                                           adminToken: adminToken).code
            let client = SyncClient(server: server.url, device: key, http: http)
            _ = try await client.enrol(code: code)
            try await client.login()
            clients.append((client, key))
        }
        let body = [UInt8](repeating: 0xa5, count: operationsPerBatch * operationBytes)
        var pools: [[BatchEnvelope]] = []
        for (_, key) in clients {
            var previous = BatchEnvelope.genesisHash
            pools.append(try (1...presignedPerDevice).map { sequence in
                let batch = try BatchEnvelope.sign(device: key, scope: .council, epoch: 1, sequence: UInt64(sequence),
                                                   previousHash: previous, bodyKind: .sealed, body: body)
                previous = batch.hash
                return batch
            })
        }
        let deadline = ContinuousClock.now + duration
        let start = ContinuousClock.now
        let perDevice = try await withThrowingTaskGroup(of: (accepted: Int, latencies: [Double]).self) { group in
            for ((client, key), pool) in zip(clients, pools) {
                group.addTask {
                    var accepted = 0
                    var latencies: [Double] = []
                    var previous = BatchEnvelope.genesisHash
                    var sequence: UInt64 = 1
                    while ContinuousClock.now < deadline {
                        let batch = sequence <= UInt64(pool.count) ? pool[Int(sequence) - 1]
                            : try BatchEnvelope.sign(device: key, scope: .council, epoch: 1, sequence: sequence,
                                                     previousHash: previous, bodyKind: .sealed, body: body)
                        let sent = ContinuousClock.now
                        let result = try await client.push([batch])
                        latencies.append((ContinuousClock.now - sent).seconds * 1000)
                        if result.first?.status == .accepted { accepted += 1 }
                        previous = batch.hash
                        sequence += 1
                    }
                    return (accepted, latencies)
                }
            }
            return try await group.reduce(into: [(accepted: Int, latencies: [Double])]()) { $0.append($1) }
        }
        let seconds = (ContinuousClock.now - start).seconds
        try await http.shutdown()
        let latencies = perDevice.flatMap(\.latencies).sorted()
        let p99 = latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * 0.99))]
        return Result(acceptedOperations: perDevice.map(\.accepted).reduce(0, +) * operationsPerBatch, seconds: seconds, p99Milliseconds: p99)
    }
}
