import Foundation
import HuisClosServer
import HuisClosTestSupport

/// A relay on loopback over a data folder of its own, on a manual clock, that can be backed up and
/// restored in place as `huisclos-server backup` and `restore` do (stopped, the copy put back,
/// started again on the same port: a new incarnation).
final class RestorableRelay {
    let clock: ManualClock
    private let folder: TemporaryFolder
    private(set) var server: TestServer
    private var data: URL { folder.url.appendingPathComponent("relay") }
    private var backupFile: URL { folder.url.appendingPathComponent("backup.sqlite") }

    private init(_ label: String, clock: ManualClock) async throws {
        self.clock = clock
        folder = try TemporaryFolder(label)
        server = try await TestServer.start(folder: folder.url.appendingPathComponent("relay")) { $0.clock = clock.serverClock }
    }

    /// Runs `body` on a new relay, and stops and removes it whatever happens.
    static func with(_ label: String, clock: ManualClock = ManualClock(), _ body: (RestorableRelay) async throws -> Void) async throws {
        let relay = try await RestorableRelay(label, clock: clock)
        defer { relay.folder.remove() }
        do {
            try await body(relay)
        } catch {
            await relay.server.stop()
            throw error
        }
        await relay.server.stop()
    }

    /// Backs the relay's data up (the one backup `restore` puts back).
    func backUp() throws { try SQLiteBackup.backup(folder: data, to: backupFile) }

    /// Restores the backup in place: the relay stops, the copy replaces its data, it starts again on its port.
    func restore() async throws {
        let port = server.port
        await server.stop()
        try SQLiteBackup.restore(from: backupFile, folder: data)
        server = try await TestServer.start(folder: data, port: port) { [clock] in $0.clock = clock.serverClock }
    }
}
