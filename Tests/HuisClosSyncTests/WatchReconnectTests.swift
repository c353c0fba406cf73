import Foundation
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Synchronization
import Testing

/// `huisclos sync --watch` survives a server restart: it reconnects and keeps syncing.
@Suite(.tags(.slow)) struct WatchReconnectTests {
    @Test func watcherReconnectsAfterARestartAndSyncsNewBatches() async throws {
        let folder = try TemporaryFolder("reconnect")
        defer { folder.remove() }
        let first = try await TestServer.start(folder: folder.url)
        let watcher = try await TestDevice.enrolled(on: first.url)
        let writer = try await TestDevice.enrolled(on: first.url)
        let watching = Task { try await watcher.driver.watchReconnecting() }
        defer { watching.cancel() }
        // Real time, and no expiry: the watcher connects over a real socket to a real relay, and
        // the driver exposes no "connected" signal to wait on. If 300 ms were not enough, the
        // watcher's first connection would come after the restart: the test would still pass
        // (weaker), never fail for it.
        try await Task.sleep(for: .milliseconds(300))
        await first.stop()

        let second = try await TestServer.start(folder: folder.url, port: first.port)
        var received = 0
        do {
            _ = try await writer.client.push([try await writer.store.author(scope: .council, body: [7])])
            for _ in 0..<100 where received == 0 {
                try await Task.sleep(for: .milliseconds(50))
                received = await watcher.store.count(in: .council)
            }
        } catch {
            await second.stop()
            throw error
        }
        watching.cancel()
        await second.stop()
        #expect(received == 1, "the watcher pulled the batch pushed after the restart")
    }
}

/// The reconnection's waits are injected: a relay that stays out of reach is given up after
/// `Reconnection.failuresMax` attempts, with the delays doubling to 60 s, and no test sleeps them.
@Suite struct ReconnectionTests {
    @Test func aRelayThatStaysOutOfReachIsGivenUpAfterTheMaximumWithDoublingDelays() async throws {
        let folder = try TemporaryFolder("reconnect-give-up")
        defer { folder.remove() }
        let server = try await TestServer.start(folder: folder.url)
        let watcher = try await TestDevice.enrolled(on: server.url)
        await server.stop()
        let waited = Mutex<[Duration]>([])
        let reconnection = Reconnection { delay in waited.withLock { $0.append(delay) } }
        let start = ContinuousClock.now
        await #expect { try await watcher.driver.watchReconnecting(reconnection: reconnection) } throws: { error in
            (error as? APIError)?.code == .unreachable && (error as? APIError)?.detail.french.contains("pendant 100 tentatives") == true
        }
        let delays = waited.withLock { $0 }
        #expect(delays.count == Reconnection.failuresMax)
        #expect(Array(delays.prefix(7)) == [2, 4, 8, 16, 32, 60, 60].map { Duration.seconds($0) } && delays.allSatisfy { $0 <= .seconds(60) })
        #expect(ContinuousClock.now - start < .seconds(60), "the hour and a half of delays was not slept")
    }

    @Test func aSessionThatWorkedIsFollowedByOneSecondAndAnotherErrorEndsTheWatch() async throws {
        let sessions = Mutex(0)
        let waited = Mutex<[Duration]>([])
        let reconnection = Reconnection { delay in waited.withLock { $0.append(delay) } }
        await #expect(throws: APIError.self) {
            try await reconnection.run({
                let count = sessions.withLock { $0 += 1; return $0 }
                if count == 2 { throw APIError(.unreachable, Text(fr: "coupé", en: "cut")) }
                if count == 4 { throw APIError(.deviceRevoked, Text(fr: "révoqué", en: "revoked")) }
            }, transient: { ($0 as? APIError)?.code == .unreachable })
        }
        #expect(sessions.withLock { $0 } == 4)
        #expect(waited.withLock { $0 } == [.seconds(1), .seconds(2), .seconds(1)])
    }
}
