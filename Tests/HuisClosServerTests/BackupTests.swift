import Foundation
import HuisClosProtocol
import HuisClosServer
import HuisClosTestSupport
import Testing

/// `huisclos-server backup` copies a running relay's SQLite database; `restore` puts a copy back
/// in a stopped relay's folder, refusing a file that is not a relay database it can read.
@Suite(.tags(.slow)) struct BackupTests {
    @Test func aBackupTakenWhileTheRelayRunsRestoresItsLogAsOfThatInstant() async throws {
        let backups = try TemporaryFolder("backups")
        defer { backups.remove() }
        let file = backups.url.appendingPathComponent("relay.sqlite")
        let folder = try TemporaryFolder("backed-up")
        defer { folder.remove() }
        let server = try await TestServer.start(folder: folder.url)
        let device = try await TestDevice.enrolled(on: server.url)
        for body in 1...3 { _ = try await device.client.push([try await device.store.author(scope: .council, body: [UInt8(body)])]) }

        let backup = try await CommandRun.run("huisclos-server", ["backup", "--data", folder.url.path, "--to", file.path])
        #expect(backup.status == 0, "\(backup.errors)")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the backup holds tokens' hashes and ciphertext: others may not read it")
        _ = try await device.client.push([try await device.store.author(scope: .council, body: [4])])
        await server.stop()

        let restore = try await CommandRun.run("huisclos-server", ["restore", "--data", folder.url.path, "--from", file.path])
        #expect(restore.status == 0, "\(restore.errors)")
        let restored = try SQLiteServerStorage(folder: folder.url)
        #expect(try await restored.heads(of: [.council]) == [.council: 3], "the log as it was at the backup")
        let again = try await CommandRun.run("huisclos-server", ["backup", "--data", folder.url.path, "--to", file.path])
        #expect(again.status != 0 && again.errors.contains("exists"), "a backup never overwrites a file")
    }

    @Test func restoringAFileThatIsNotARelayDatabaseChangesNothing() async throws {
        let folder = try TemporaryFolder("restore-refused")
        defer { folder.remove() }
        let storage = try SQLiteServerStorage(folder: folder.url)
        _ = try await storage.push(try StorageConformance.batches(2), receivedAt: StorageConformance.now)
        let junk = folder.url.appendingPathComponent("junk.sqlite")
        try Data("not a database at all".utf8).write(to: junk)
        #expect(throws: StorageError.self) { try SQLiteBackup.restore(from: junk, folder: folder.url) }
        #expect(try await SQLiteServerStorage(folder: folder.url).heads(of: [.council]) == [.council: 2])
    }
}
