import Foundation
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import Testing

/// `huisclos sync --watch` survives a server restart: it reconnects and keeps syncing.
@Suite struct WatchReconnectTests {
    @Test func watcherReconnectsAfterARestartAndSyncsNewBatches() async throws {
        let folder = try TemporaryFolder("reconnect")
        defer { folder.remove() }
        let first = try await TestServer.start(folder: folder.url)
        let watcher = try await TestDevice.enrolled(on: first.url)
        let writer = try await TestDevice.enrolled(on: first.url)
        let watching = Task { try await watcher.driver.watchReconnecting() }
        defer { watching.cancel() }
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
