import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// Three real `huisclos-server` processes on one PostgreSQL database behave as one relay: pokes
/// reach devices on any instance, a revocation on one cuts the device on all within 1 s, and
/// the same device pushing through two instances at once gets each batch stored once.
extension PostgresStorageTests {
    /// Runs `body` with three instances on a fresh database, each with its own data folder (admin
    /// token from the environment, as a deployment sets it); stops them whatever happens.
    static func withThreeInstances(_ body: ([ServerProcess]) async throws -> Void) async throws {
        let database = try await SuiteCluster.get().createDatabase()
        let folders = try (0..<3).map { try TemporaryFolder("instance-\($0)") }
        defer { for folder in folders { folder.remove() } }
        var servers: [ServerProcess] = []
        do {
            for folder in folders {
                servers.append(try await ServerProcess.start(folder: folder.url, arguments: ["--database", database]))
            }
            try await body(servers)
        } catch {
            for server in servers { await server.terminate() }
            throw error
        }
        for server in servers { await server.terminate() }
    }

    @Test func aPushThroughOneInstancePokesWatchersOnTheOthersWithinOneSecond() async throws {
        try await Self.withThreeInstances { servers in
            let writer = try await TestDevice.enrolled(on: servers[0].url)
            let watchers = [try await TestDevice.enrolled(on: servers[1].url), try await TestDevice.enrolled(on: servers[2].url)]
            let pokes = [PokeRecorder(), PokeRecorder()]
            let watching = zip(watchers, pokes).map { watcher, recorder in
                Task { try await watcher.client.watch { heads in recorder.record(heads) } }
            }
            for recorder in pokes { #expect(try await recorder.wait(for: [.council: 0], seconds: 5)) }

            _ = try await writer.client.push([try await writer.store.author(scope: .council, body: [1])])
            for recorder in pokes { #expect(try await recorder.wait(for: [.council: 1], seconds: 1), "poked on another instance") }
            for task in watching { task.cancel() }
        }
    }

    @Test func aRevocationOnOneInstanceCutsTheDeviceOnEveryInstanceWithinOneSecond() async throws {
        try await Self.withThreeInstances { servers in
            let device = try await TestDevice.enrolled(on: servers[0].url)
            let onSecond = device.reconnected(to: servers[1].url)
            // The device's record is now cached by the second instance (a pull authenticates it there).
            _ = try await onSecond.client.pull(scope: .council, after: 0)
            let pokes = PokeRecorder()
            let ended = PokeRecorder()
            let watching = Task {
                defer { ended.record([:]) }
                try await onSecond.client.watch { heads in pokes.record(heads) }
            }
            defer { watching.cancel() }
            #expect(try await pokes.wait(for: [.council: 0], seconds: 5))

            _ = try await SyncClient(server: servers[2].url, device: nil).revoke(device.key.publicKey, adminToken: TestServer.adminToken)
            #expect(try await ended.wait(for: [:], seconds: 1), "the watch socket on another instance closed within 1 s")
            await #expect(throws: APIError.self, "the session on another instance is refused") {
                _ = try await onSecond.client.pull(scope: .council, after: 0)
            }
        }
    }

    @Test func oneDevicePushingThroughTwoInstancesAtOnceGetsEachBatchStoredOnce() async throws {
        try await Self.withThreeInstances { servers in
            let device = try await TestDevice.enrolled(on: servers[0].url)
            let other = device.reconnected(to: servers[1].url)
            var chain: [BatchEnvelope] = []
            for body in 1...20 { chain.append(try await device.store.author(scope: .council, body: [UInt8(body)])) }
            let batches = chain
            let results = try await withThrowingTaskGroup(of: [Huisclos_V1_PushResult].self) { group in
                for client in [device.client, other.client] {
                    group.addTask {
                        var results: [Huisclos_V1_PushResult] = []
                        for batch in batches { results += try await client.push([batch]) }
                        return results
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for index in chain.indices {
                let statuses = Set(results.map { $0[index].status })
                #expect(statuses == [.accepted, .duplicate], "batch \(index + 1): \(statuses)")
            }
            let page = try await TestDevice.enrolled(on: servers[2].url).client.pull(scope: .council, after: 0)
            #expect(page.batches.map(\.encoded) == chain.map(\.encoded) && page.head == 20, "one copy of each, in chain order")
        }
    }
}
