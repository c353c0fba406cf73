import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// Push and pull against the real server (PROTOCOL.md, "Push", "Pull").
@Suite(.tags(.slow)) struct PushPullTests {
    @Test func pushIsIdempotentOnDeviceScopeAndSequence() async throws {
        try await TestServer.with("idempotent") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let batches = try await (1...3).asyncMap { _ in try await device.store.author(scope: .council, body: [1, 2, 3]) }
            let first = try await device.client.push(batches)
            #expect(first.map(\.status) == [.accepted, .accepted, .accepted])
            #expect(first.map(\.cursor) == [1, 2, 3])
            let again = try await device.client.push(batches)
            #expect(again.map(\.status) == [.duplicate, .duplicate, .duplicate])
            #expect(again.map(\.cursor) == [1, 2, 3])
            #expect(try await server.storage.heads(of: [.council])[.council] == 3)
        }
    }

    @Test func pullPagesByCountAndByBytesAndSaysWhenCaughtUp() async throws {
        try await TestServer.with("paging") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let batches = try await (1...10).asyncMap { _ in
                try await device.store.author(scope: .council, body: [UInt8](repeating: 7, count: 1000))
            }
            _ = try await device.client.push(batches)
            let byCount = try await device.client.pull(scope: .council, after: 0, maxBatches: 4)
            #expect(byCount.batches.count == 4 && byCount.cursor == 4 && !byCount.caughtUp && byCount.head == 10)
            let byBytes = try await device.client.pull(scope: .council, after: 4, maxBytes: 2500)
            #expect(byBytes.batches.count == 2 && byBytes.cursor == 6)
            let tiny = try await device.client.pull(scope: .council, after: 6, maxBytes: 1)
            #expect(tiny.batches.count == 1, "a page always carries at least one batch")
            let rest = try await device.client.pull(scope: .council, after: 7)
            #expect(rest.batches.map(\.sequence) == [8, 9, 10] && rest.caughtUp)
            let empty = try await device.client.pull(scope: .council, after: 10)
            #expect(empty.batches.isEmpty && empty.cursor == 10 && empty.caughtUp)
        }
    }

    @Test func aDeviceMayRelayAnotherActiveDevicesBatch() async throws {
        try await TestServer.with("relay") { server in
            let author = try await TestDevice.enrolled(on: server.url)
            let relay = try await TestDevice.enrolled(on: server.url)
            let batch = try await author.store.author(scope: .council, body: [9])
            let results = try await relay.client.push([batch])
            #expect(results.first?.status == .accepted)
        }
    }

    @Test func gapAndForkAreRejectedPerBatchWithoutStoppingTheOthers() async throws {
        try await TestServer.with("gap-fork") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let first = try await device.store.author(scope: .council, body: [1])
            let second = try await device.store.author(scope: .council, body: [2])
            let third = try await device.store.author(scope: .council, body: [3])
            let fork = try BatchEnvelope.sign(device: device.key, scope: .council, epoch: 1, sequence: 1,
                                              previousHash: BatchEnvelope.genesisHash, bodyKind: .sealed, body: [99])
            let results = try await device.client.push([first, third, fork, second])
            #expect(results.map(\.status) == [.accepted, .rejected, .rejected, .accepted])
            #expect(results[1].code == "gap" && results[2].code == "fork")
            #expect(try await server.storage.heads(of: [.council])[.council] == 2)
        }
    }
}
