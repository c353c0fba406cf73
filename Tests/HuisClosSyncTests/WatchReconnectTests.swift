import Foundation
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
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
