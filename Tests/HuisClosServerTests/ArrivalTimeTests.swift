import Foundation
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import Testing

/// The relay's arrival time of each batch, by its own clock, returned in pulls beside the batch
/// (PROTOCOL.md, "Arrival times").
@Suite(.tags(.slow)) struct ArrivalTimeTests {
    @Test func pullsCarryEachBatchsArrivalByTheRelaysClockAndARepushKeepsTheFirst() async throws {
        let clock = ManualClock()
        try await TestServer.with("arrival", configure: { $0.clock = clock.serverClock }) { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let first = try await device.store.author(scope: .council, body: [1])
            _ = try await device.client.push([first])
            let firstMs = UInt64(clock.now().timeIntervalSince1970 * 1000)
            clock.advance(seconds: 3_600)
            let second = try await device.store.author(scope: .council, body: [2])
            _ = try await device.client.push([first, second])
            let page = try await device.client.pull(scope: .council, after: 0)
            #expect(page.batches.map(\.sequence) == [1, 2])
            #expect(page.receivedAtMs == [firstMs, firstMs + 3_600_000])
        }
    }

    @Test func theSyncDriverHandsEveryPulledBatchsArrivalToTheStoreOwnBatchesIncluded() async throws {
        try await TestServer.with("arrival-driver") { server in
            let writer = try await TestDevice.enrolled(on: server.url)
            let reader = try await TestDevice.enrolled(on: server.url)
            let written = try await writer.store.author(scope: .council, body: [1])
            let own = try await reader.store.author(scope: .council, body: [2])
            let from = UInt64(Date().timeIntervalSince1970 * 1000)
            _ = try await SyncDriver(client: writer.client, store: writer.store).sync()
            _ = try await SyncDriver(client: reader.client, store: reader.store).sync()
            let by = UInt64(Date().timeIntervalSince1970 * 1000)
            let arrivals = await reader.store.arrivals
            #expect(Set(arrivals.keys) == [written.id, own.id])
            #expect(arrivals.values.allSatisfy { $0 >= from && $0 <= by })
        }
    }
}
