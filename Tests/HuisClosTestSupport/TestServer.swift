public import Foundation
public import HuisClosServer
public import HuisClosSync
import Logging
import ServiceLifecycle

/// A real relay server on 127.0.0.1, on a free port, in this process, with its own data folder.
public final class TestServer: Sendable {
    /// The admin token every test server uses.
    public static let adminToken = "test-admin-token-0123456789abcdef"
    /// The public site's address in tests (a loopback server cannot name itself).
    public static let publicURL = "https://conseil.example.org/public"

    /// The server's base URL.
    public let url: String
    /// The port it listens on.
    public let port: Int
    /// Its storage, for checking state directly.
    public let storage: any ServerStorage
    /// Its data folder.
    public let folder: URL
    /// The base URL of its metrics address, when one was configured.
    public let metricsURL: String?
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    private init(url: String, port: Int, storage: any ServerStorage, folder: URL, metricsURL: String?, group: ServiceGroup,
                 task: Task<Void, any Error>) {
        self.url = url
        self.metricsURL = metricsURL
        self.port = port
        self.storage = storage
        self.folder = folder
        self.group = group
        self.task = task
    }

    /// Starts a server on `folder`; `configure` may change the configuration (clock, lifetimes…).
    public static func start(folder: URL, port: Int = 0,
                             configure: (inout ServerConfiguration) -> Void = { _ in }) async throws -> TestServer {
        var configuration = ServerConfiguration(dataFolder: folder, host: "127.0.0.1", port: port, adminToken: adminToken,
                                                publicURL: publicURL)
        configure(&configuration)
        let logger = Logger(label: "huisclos-test-server") { _ in SwiftLogNoOpLogHandler() }
        let server = try RelayServer(configuration: configuration, logger: logger)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = try server.application { _, port in continuation.yield(port) }
        let (metricsPorts, metricsContinuation) = AsyncStream.makeStream(of: Int.self)
        var services: [any Service] = [application]
        if let metrics = server.metricsApplication(onListening: { _, port in metricsContinuation.yield(port) }) {
            services.append(metrics)
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [], logger: logger)
        let task = Task {
            defer {
                continuation.finish()
                metricsContinuation.finish()
            }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            try await task.value
            throw CancellationError()
        }
        var metricsURL: String?
        if services.count > 1 {
            var metricsIterator = metricsPorts.makeAsyncIterator()
            metricsURL = await metricsIterator.next().map { "http://127.0.0.1:\($0)" }
        }
        return TestServer(url: "http://127.0.0.1:\(bound)", port: bound, storage: server.storage, folder: folder,
                          metricsURL: metricsURL, group: group, task: task)
    }

    /// A hosted council's base URL and admin token (from the token file its creation wrote).
    public func council(_ id: String) throws -> (url: String, adminToken: String) {
        let file = CouncilDirectory(dataFolder: folder).folder(of: try CouncilID(id)).appendingPathComponent("admin-token")
        let token = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        return (url + "/councils/" + id, token)
    }

    /// A client acting as the secretariat.
    public func adminClient() -> SyncClient { SyncClient(server: url, device: nil) }

    /// Stops gracefully and waits for the end.
    public func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

extension TestServer {
    /// The publisher settings (`<data>/public-site.json`) a test server starts with: a SIRET, which
    /// the public site requires, and a name, since most tests register no council to take it from.
    public static let publicSite = #"{"name": "Conseil de test", "siret": "12345678901234"}"#

    /// Runs `body` against a fresh server in its own temporary folder, with `publicSite` as its
    /// publisher settings (none when nil) and `councils` hosted beside the default one (each
    /// publishing as « Conseil <id> »); stops it and deletes the folder afterwards, whatever happens.
    @discardableResult
    public static func with<T: Sendable>(_ label: String, publicSite: String? = publicSite, councils: [String] = [],
                                         configure: (inout ServerConfiguration) -> Void = { _ in },
                                         _ body: (TestServer) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder(label)
        defer { folder.remove() }
        if let publicSite { try Data(publicSite.utf8).write(to: folder.url.appendingPathComponent("public-site.json")) }
        let directory = CouncilDirectory(dataFolder: folder.url)
        for id in councils {
            let council = try CouncilID(id)
            _ = try directory.create(council)
            try Data(#"{"name": "Conseil \#(id)", "siret": "98765432109876"}"#.utf8)
                .write(to: directory.folder(of: council).appendingPathComponent("public-site.json"))
        }
        let server = try await start(folder: folder.url, configure: configure)
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }
}
