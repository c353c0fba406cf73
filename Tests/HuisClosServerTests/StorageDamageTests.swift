import Foundation
import GRDB
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import NIOHTTP1
import Testing

/// Issue 15 item 5: the relay notices damage to its own database — `/readyz` fails and the check
/// names it, a damaged membership record is reported as damage (not as a device's forgery), and a
/// start on a damaged file names corruption, not permissions or free space.
@Suite(.tags(.slow)) struct StorageDamageTests {
    /// The relay's database file in `folder`.
    static func database(_ folder: URL) -> String { folder.appendingPathComponent(SQLiteServerStorage.fileName).path }

    /// Moves everything from the WAL into the database file, so damage to the file is damage to the data.
    @discardableResult
    static func checkpoint(_ folder: URL) throws -> DatabaseQueue {
        let queue = try DatabaseQueue(path: database(folder))
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return queue
    }

    /// Rewrites the page-type byte of `table`'s root page with a value no page has (the relay stopped).
    static func damageRootPage(of table: String, in folder: URL) throws {
        let (root, pageSize) = try {
            let queue = try checkpoint(folder)
            return try queue.read { db in
                (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
            }
        }()
        try #require(root > 1)
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: database(folder)))
        defer { try? file.close() }
        try file.seek(toOffset: UInt64((root - 1) * pageSize))
        try file.write(contentsOf: Data([0xEE]))
    }

    /// Flips one bit of the stored genesis record's signature (the relay stopped).
    static func flipLastByteOfGenesis(in folder: URL) throws {
        try DatabaseQueue(path: database(folder)).write { db in
            let bytes = try #require(try Data.fetchOne(db, sql: "SELECT bytes FROM membership_record WHERE idx = 0"))
            var damaged = [UInt8](bytes)
            damaged[damaged.count - 1] ^= 0x01
            try db.execute(sql: "UPDATE membership_record SET bytes = ? WHERE idx = 0", arguments: [Data(damaged)])
        }
    }

    @Test func aDamagedPageTurnsReadinessOffAndTheCheckNamesIt() async throws {
        let folder = try TemporaryFolder("relay-damage")
        defer { folder.remove() }
        let data = folder.url.appendingPathComponent("relay")
        var server = try await TestServer.start(folder: data)
        var device = try await TestDevice.enrolled(on: server.url)
        for index in 0..<3 { try await device.store.author(scope: .council, body: [UInt8(index)]) }
        _ = try await device.driver.sync()
        #expect(try await RawRequest.send(server.url, .GET, Endpoint.ready, version: nil).status == 200)
        #expect(await RelayIntegrity.check(server.storage, clock: .system) == [])
        await server.stop()

        try Self.damageRootPage(of: "scope_log", in: data)
        server = try await TestServer.start(folder: data)
        device = device.reconnected(to: server.url)
        let health = try await RawRequest.send(server.url, .GET, Endpoint.health, version: nil)
        #expect(health.status == 200, "the process is alive")
        await #expect(throws: APIError(.internal)) { _ = try await device.client.pull(scope: .council, after: 0) }
        let ready = try await RawRequest.send(server.url, .GET, Endpoint.ready, version: nil)
        #expect(ready.status == 503 && ready.error?.code == .internal, "\(ready.status)")
        #expect(ready.error?.message.contains("damaged") == true && ready.error?.message.contains("huisclos-server check") == true,
                "\(ready.error?.message ?? "")")
        let problems = await RelayIntegrity.check(server.storage, clock: .system)
        #expect(!problems.isEmpty && problems.allSatisfy { $0.description.hasPrefix("database integrity") }, "\(problems)")
        await server.stop()

        let check = try await CommandRun.run("huisclos-server", ["check", "--data", data.path], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
        #expect(check.status == 65 && check.output.contains("damaged: database integrity"), "\(check.status) \(check.output) \(check.errors)")
    }

    @Test func theCheckFindsASoundRelaySound() async throws {
        let folder = try TemporaryFolder("relay-sound")
        defer { folder.remove() }
        let server = try await TestServer.start(folder: folder.url)
        let device = try await TestDevice.enrolled(on: server.url)
        try await device.store.author(scope: .council, body: [1])
        _ = try await device.driver.sync()
        await server.stop()
        let check = try await CommandRun.run("huisclos-server", ["check", "--data", folder.url.path], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
        #expect(check.status == 0 && check.output.contains("no damage found"), "\(check.status) \(check.output) \(check.errors)")
    }

    @Test func checkingAFolderWithoutARelayDatabaseSaysSoAndCreatesNothing() async throws {
        let folder = try TemporaryFolder("relay-check-typo")
        defer { folder.remove() }
        let typo = folder.url.appendingPathComponent("nope")
        let check = try await CommandRun.run("huisclos-server", ["check", "--data", typo.path], environment: ["LANG": "en_US.UTF-8", "LC_ALL": ""])
        #expect(check.status == 74 && check.errors.contains("no relay database"), "\(check.status) \(check.output) \(check.errors)")
        #expect(!FileManager.default.fileExists(atPath: typo.path), "the check created the folder it was asked to check")
    }

    @Test func aDamagedMembershipRecordIsReportedAsDamageNotAsAForgery() async throws {
        let folder = try TemporaryFolder("relay-damaged-log")
        defer { folder.remove() }
        var server = try await TestServer.start(folder: folder.url)
        let instant = Instant(unixSeconds: Int64(Date().timeIntervalSince1970))
        let (_, log) = try TrustRoot.establishCouncil(named: "Conseil", at: instant)
        _ = try await server.adminClient().registerCouncil(genesis: log.records[0].encoded, adminToken: TestServer.adminToken)
        let device = try await TestDevice.enrolled(on: server.url)
        await server.stop()
        try Self.flipLastByteOfGenesis(in: folder.url)

        server = try await TestServer.start(folder: folder.url)
        // Every device request reads the log: the relay answers a fault of its own, not a forgery.
        await #expect(throws: APIError(.internal)) { _ = try await device.reconnected(to: server.url).client.login() }
        let problems = await RelayIntegrity.check(server.storage, clock: .system)
        #expect(problems.contains { $0.description.hasPrefix("membership log") && $0.description.contains("damaged") }, "\(problems)")
        let ready = try await RawRequest.send(server.url, .GET, Endpoint.ready, version: nil)
        #expect(ready.status == 503, "the failed request told readiness: \(ready.status)")
        await server.stop()
    }

    @Test func aStartOnADamagedFileNamesTheDamageNotPermissions() async throws {
        let folder = try TemporaryFolder("relay-damaged-start")
        defer { folder.remove() }
        let server = try await TestServer.start(folder: folder.url)
        await server.stop()
        try Self.checkpoint(folder.url)
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: Self.database(folder.url)))
        try file.write(contentsOf: Data(repeating: 0x5A, count: 16))  // the "SQLite format 3" magic
        try file.close()
        do {
            let started = try await TestServer.start(folder: folder.url)
            await started.stop()
            Issue.record("a damaged database must not open")
        } catch let error as StorageError {
            #expect(error.code == .corrupt && error.message.contains("damaged") && !error.message.contains("permissions"), "\(error.message)")
        }
    }
}
