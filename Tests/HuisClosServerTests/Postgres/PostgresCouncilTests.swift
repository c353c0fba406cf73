import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosServerPostgres
import HuisClosSync
import HuisClosTestSupport
import Testing

/// Several councils on one PostgreSQL database (issue 14, item 3): each council's schema passes
/// the whole storage contract, two councils' schemas share nothing, and between relay instances a
/// council's pokes travel on its own channel only.
extension PostgresStorageTests {
    @Test(arguments: StorageConformance.checks.map { $0.name })
    func aHostedCouncilsSchemaKeepsTheContract(_ name: String) async throws {
        let check = try #require(StorageConformance.checks.first { $0.name == name })
        let url = try await SuiteCluster.get().createDatabase()
        // The default council's tables exist beside it, as in a deployment.
        let root = try await PostgresServerStorage.open(try PostgresLocation(url: url), logger: Self.logger)
        defer { root.close() }
        let storage = try await PostgresServerStorage.open(try PostgresLocation(url: url), council: try CouncilID("cese-93"), logger: Self.logger)
        defer { storage.close() }
        try await check.run(storage)
    }

    @Test func councilsOnOneDatabaseShareNothing() async throws {
        let url = try await SuiteCluster.get().createDatabase()
        let location = try PostgresLocation(url: url)
        let root = try await PostgresServerStorage.open(location, logger: Self.logger)
        let est = try await PostgresServerStorage.open(location, council: try CouncilID("est"), logger: Self.logger)
        let ouest = try await PostgresServerStorage.open(location, council: try CouncilID("ouest"), logger: Self.logger)
        defer { for storage in [root, est, ouest] { storage.close() } }
        try await StorageConformance.councilsShareNothing(est, ouest)
        // The default council (public schema) saw nothing of either.
        #expect(try await root.heads(of: [.council])[.council] ?? 0 == 0)
        #expect(try await root.membershipRecords(from: 0).isEmpty)
        #expect(try await root.device(StorageConformance.device.publicKey) == nil)
    }

    /// The two longest identifiers allowed, alike but for their last character, get a schema each:
    /// PostgreSQL truncates an identifier past 63 bytes, so a bound that ignored the schema's
    /// prefix let two such councils share one schema (devices, log, admin powers).
    @Test func theLongestIdentifiersAllowedStillGetASchemaEach() async throws {
        let url = try await SuiteCluster.get().createDatabase()
        let location = try PostgresLocation(url: url)
        let stem = String(String(repeating: "conseil-de-developpement-metropole-grand-lyon-", count: 2).prefix(CouncilID.bytesMax - 1))
        let one = try await PostgresServerStorage.open(location, council: try CouncilID(stem + "6"), logger: Self.logger)
        let other = try await PostgresServerStorage.open(location, council: try CouncilID(stem + "7"), logger: Self.logger)
        defer { for storage in [one, other] { storage.close() } }
        try await StorageConformance.councilsShareNothing(one, other)
    }

    /// `councils create` never takes over a schema that exists: a council retired by deleting its
    /// folder and created again, or created again on a second instance, would inherit the old
    /// devices and log under a new admin token. `--adopt-existing` (another instance of the same
    /// deployment) takes the schema with its identity.
    @Test func createRefusesAnExistingSchemaUnlessAdopting() async throws {
        let database = try await SuiteCluster.get().createDatabase()
        let folder = try TemporaryFolder("council-create-existing")
        defer { folder.remove() }
        let data = folder.url.path
        let first = try await CommandRun.run("huisclos-server", ["councils", "create", "short", "--data", data, "--database", database])
        #expect(first.status == 0, "\(first.errors)")
        try FileManager.default.removeItem(at: CouncilDirectory(dataFolder: folder.url).folder(of: try CouncilID("short")))
        let again = try await CommandRun.run("huisclos-server", ["councils", "create", "short", "--data", data, "--database", database])
        #expect(again.status != 0 && again.errors.contains("--adopt-existing"), "\(again.status) \(again.errors)")
        let adopted = try await CommandRun.run("huisclos-server", ["councils", "create", "short", "--data", data, "--database", database,
                                                                   "--adopt-existing"])
        #expect(adopted.status == 0, "\(adopted.errors)")
    }

    /// Two instances hosting the council `est` beside the default one: a push in est's `council`
    /// scope through one instance pokes est's watcher on the other (est's channel), and never the
    /// default council's watcher of the scope of the same name.
    @Test func aHostedCouncilsPokesCrossInstancesOnItsOwnChannelOnly() async throws {
        let database = try await SuiteCluster.get().createDatabase()
        let folders = try (0..<2).map { try TemporaryFolder("council-instance-\($0)") }
        defer { for folder in folders { folder.remove() } }
        // Created once, its folder (admin token) copied to the other instance's data folder (README).
        let est = try CouncilID("est")
        let created = CouncilDirectory(dataFolder: folders[0].url)
        _ = try created.create(est)
        try FileManager.default.createDirectory(at: folders[1].url.appendingPathComponent("councils"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: created.folder(of: est), to: CouncilDirectory(dataFolder: folders[1].url).folder(of: est))
        let adminToken = try String(contentsOf: created.folder(of: est).appendingPathComponent("admin-token"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var servers: [ServerProcess] = []
        do {
            for folder in folders { servers.append(try await ServerProcess.start(folder: folder.url, arguments: ["--database", database])) }
            try await Self.checkPokesStayInTheirCouncil(servers, est: est, adminToken: adminToken)
        } catch {
            for server in servers { await server.terminate() }
            throw error
        }
        for server in servers { await server.terminate() }
    }

    /// The same, the council created with `huisclos-server councils create` while both instances
    /// run: each serves it from the first request naming it, its pokes on its channel (no restart).
    @Test func aCouncilCreatedWhileInstancesRunIsServedByEachWithoutARestart() async throws {
        let database = try await SuiteCluster.get().createDatabase()
        let folders = try (0..<2).map { try TemporaryFolder("council-late-\($0)") }
        defer { for folder in folders { folder.remove() } }
        var servers: [ServerProcess] = []
        do {
            for folder in folders { servers.append(try await ServerProcess.start(folder: folder.url, arguments: ["--database", database])) }
            let est = try CouncilID("est")
            let created = try await CommandRun.run("huisclos-server", ["councils", "create", "est", "--data", folders[0].url.path, "--database", database],
                                                 environment: ["LANG": "fr_FR.UTF-8", "LC_ALL": ""])
            #expect(created.status == 0 && created.output.contains("première requête"), "\(created.output) \(created.errors)")
            try FileManager.default.createDirectory(at: folders[1].url.appendingPathComponent("councils"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: CouncilDirectory(dataFolder: folders[0].url).folder(of: est),
                                             to: CouncilDirectory(dataFolder: folders[1].url).folder(of: est))
            let adminToken = try String(contentsOf: CouncilDirectory(dataFolder: folders[0].url).folder(of: est).appendingPathComponent("admin-token"),
                                        encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            try await Self.checkPokesStayInTheirCouncil(servers, est: est, adminToken: adminToken)
        } catch {
            for server in servers { await server.terminate() }
            throw error
        }
        for server in servers { await server.terminate() }
    }

    private static func checkPokesStayInTheirCouncil(_ servers: [ServerProcess], est: CouncilID, adminToken: String) async throws {
        let writer = try await TestDevice.enrolled(on: servers[0].url + est.pathPrefix, adminToken: adminToken)
        let estWatcher = try await TestDevice.enrolled(on: servers[1].url + est.pathPrefix, adminToken: adminToken)
        let rootWatcher = try await TestDevice.enrolled(on: servers[1].url)
        let estPokes = PokeRecorder()
        let rootPokes = PokeRecorder()
        let watching = [
            Task { try await estWatcher.client.watch { estPokes.record($0) } },
            Task { try await rootWatcher.client.watch { rootPokes.record($0) } },
        ]
        defer { for task in watching { task.cancel() } }
        #expect(try await estPokes.wait(for: [.council: 0], seconds: 5))
        #expect(try await rootPokes.wait(for: [.council: 0], seconds: 5))

        let first = try await writer.store.author(scope: .council, body: [1])
        let second = try await writer.store.author(scope: .council, body: [2])
        _ = try await writer.client.push([first, second])
        #expect(try await estPokes.wait(for: [.council: 2], seconds: 1), "est's watcher on the other instance, within 1 s")
        // The default council's own push, then its watcher's pokes: its own heads only.
        let rootWriter = try await TestDevice.enrolled(on: servers[0].url)
        _ = try await rootWriter.client.push([try await rootWriter.store.author(scope: .council, body: [1])])
        #expect(try await rootPokes.wait(for: [.council: 1], seconds: 1))
        #expect(!rootPokes.received.contains { $0[.council] == 2 }, "the default council's watcher saw est's head: \(rootPokes.received)")
        // est's relay log and the default council's are apart in the database too.
        #expect(try await estWatcher.client.pull(scope: .council, after: 0).head == 2)
        #expect(try await rootWatcher.client.pull(scope: .council, after: 0).head == 1)
    }
}
