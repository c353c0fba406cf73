import Foundation
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// The server process killed with SIGKILL in the middle of pushes loses nothing it acknowledged
/// and applies nothing twice once restarted on the same data folder.
@Suite(.tags(.slow)) struct KillRecoveryTests {
    static let batchCount = 600
    static let batchesPerPush = 20

    @Test func sigkillDuringPushLosesNothingAndAppliesNothingTwice() async throws {
        let folder = try TemporaryFolder("kill")
        defer { folder.remove() }
        let first = try await ServerProcess.start(folder: folder.url)
        let device = try await TestDevice.enrolled(on: first.url)
        for _ in 0..<Self.batchCount {
            try await device.store.author(scope: .council, body: [UInt8](repeating: 5, count: 2_000))
        }
        // Push in small requests from a task, and kill the server once some were acknowledged:
        // the kill lands while later requests are in flight.
        let pusher = Task { () -> Int in
            var acknowledged = 0
            while true {
                let outbox = await device.store.outbox()
                if outbox.isEmpty { return acknowledged }
                guard let results = try? await device.client.push(Array(outbox.prefix(Self.batchesPerPush))) else { return acknowledged }
                await device.store.acknowledge(zip(outbox, results).filter { $0.1.status != .rejected }.map { $0.0.id })
                acknowledged += results.count
            }
        }
        while await device.store.outbox().count > Self.batchCount - 5 * Self.batchesPerPush {
            try await Task.sleep(for: .milliseconds(2))
        }
        await first.kill()
        let acknowledgedBeforeKill = await pusher.value
        #expect(acknowledgedBeforeKill < Self.batchCount, "the kill happened before the pushes ended")

        let second = try await ServerProcess.start(folder: folder.url)
        let resumed = device.reconnected(to: second.url)
        let report = try await resumed.driver.sync()
        #expect(report.pushRejected.isEmpty)
        #expect(await resumed.store.outbox().isEmpty)

        var log: [BatchEnvelope] = []
        var cursor: UInt64 = 0
        for _ in 0..<100 {
            let page = try await resumed.client.pull(scope: .council, after: cursor)
            log += page.batches
            cursor = page.cursor
            if page.caughtUp { break }
        }
        #expect(log.count == Self.batchCount, "every batch is in the log exactly once")
        #expect(log.map(\.sequence) == (1...UInt64(Self.batchCount)).map { $0 }, "in chain order, without duplicates")
        await second.terminate()
    }
}
