import Foundation
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosTestSupport
import Testing

/// The SQLite backend passes the whole `ServerStorage` contract, and keeps it across a reopen.
@Suite(.tags(.slow)) struct SQLiteStorageConformanceTests {
    @Test(arguments: StorageConformance.checks.map(\.name))
    func sqliteStorageKeepsTheContract(_ name: String) async throws {
        let folder = try TemporaryFolder("conformance")
        defer { folder.remove() }
        let check = try #require(StorageConformance.checks.first { $0.name == name })
        try await check.run(try SQLiteServerStorage(folder: folder.url))
    }

    @Test func twoCouncilsOfOneDataFolderShareNothing() async throws {
        let folder = try TemporaryFolder("conformance-councils")
        defer { folder.remove() }
        let directory = CouncilDirectory(dataFolder: folder.url)
        let est = try CouncilID("est")
        _ = try directory.create(est)
        try await StorageConformance.councilsShareNothing(try SQLiteServerStorage(folder: directory.folder(of: est), council: est),
                                                          try SQLiteServerStorage(folder: folder.url))
        // Each file now records its council: opened as the other council's, it is refused.
        for (file, council) in [(directory.folder(of: est), nil), (folder.url, est)] as [(URL, CouncilID?)] {
            do {
                _ = try SQLiteServerStorage(folder: file, council: council)
                Issue.record("\(file.path) opened as another council's")
            } catch {
                #expect(error.code == .otherCouncil)
            }
        }
    }

    @Test func sqliteStorageKeepsEverythingAcrossAReopen() async throws {
        let folder = try TemporaryFolder("reopen")
        defer { folder.remove() }
        let batches = try StorageConformance.batches(4)
        _ = try await SQLiteServerStorage(folder: folder.url).push(batches, receivedAt: StorageConformance.now)
        let reopened = try SQLiteServerStorage(folder: folder.url)
        let page = try await reopened.pull(scope: .council, after: 0, maxBatches: 10, maxBytes: 100_000)
        #expect(page.batches == batches.map(\.encoded))
        #expect(page.receivedAtMs == Array(repeating: UInt64(StorageConformance.now.timeIntervalSince1970 * 1000), count: 4))
    }

    @Test func aDatabaseMigratedByANewerBinaryIsRefusedUnchanged() async throws {
        let folder = try TemporaryFolder("newer-schema")
        defer { folder.remove() }
        _ = try SQLiteServerStorage(folder: folder.url)
        // A migration this binary does not know, recorded as a newer binary would (sqlite3 from setup.sh).
        let sqlite = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), [
            folder.url.appendingPathComponent(SQLiteServerStorage.fileName).path,
            "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')"])
        #expect(sqlite.termination == .exited(0), "\(sqlite.errors)")
        #expect {
            _ = try SQLiteServerStorage(folder: folder.url)
        } throws: { error in
            guard let error = error as? StorageError, error.code == .schemaTooNew else { return false }
            return error.message.contains("plus récent") && error.message.contains("newer than this huisclos-server knows")
        }
    }
}
