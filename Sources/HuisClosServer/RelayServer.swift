public import Foundation
import HuisClosHTTPGuard
import HuisClosL10n
import HuisClosWire
public import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
public import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// The relay server: opens its storage and admin token, then builds the Hummingbird application.
///
/// `ServerApp` and the tests use it the same way: build, then run the application (in a
/// `ServiceGroup` for signal handling). `onListening` receives the bound host and port, which is
/// how a caller learns the port when it asked for 0.
///
/// One relay serves the default council at the root (`/v1/…`, `/public/`) and every council of
/// its `CouncilDirectory` under `/councils/<id>/…`, each with its own storage, admin token,
/// public site and sessions (`CouncilRelay`, `CouncilDispatch`); a council created while it runs
/// is served from the first request naming it (`LateCouncils`).
public struct RelayServer: Sendable {
    /// The storage and bus of one council (PostgreSQL: its schema and channel).
    public typealias CouncilStorage = (storage: any ServerStorage, bus: (any RelayBus)?)

    /// The configuration it runs with.
    public let configuration: ServerConfiguration
    /// Where the default council's data lives.
    public var storage: any ServerStorage { main.storage }
    /// The admin token file, when the token is read from or was written to one.
    public var adminTokenFile: URL? { main.admin.file }
    /// Whether this start generated a new admin token file.
    public var adminTokenGenerated: Bool { main.admin.generated }
    /// Whether the default council's storage is sound, kept by `IntegrityWatch` and requests.
    public var health: StorageHealth { main.health }
    /// Carries the default council's pokes and revocations to the other instances; nil alone.
    public var bus: (any RelayBus)? { main.bus }
    /// The councils hosted besides the default one and served, in order.
    public var councilIDs: [CouncilID] { councils.map(\.id!) }
    /// The hosted councils that could not be opened at start (each answers 503 under its prefix
    /// until a request finds it repaired).
    public let unavailableCouncilIDs: [CouncilID]

    private let main: CouncilRelay
    private let councils: [CouncilRelay]
    /// Opens the storage of a council not served since start (SQLite in its folder, or its
    /// PostgreSQL schema).
    private let openCouncil: @Sendable (CouncilID) async throws -> CouncilStorage
    private let logger: Logger
    /// One registry for both applications: the main one counts, the metrics one shows.
    private let metrics = ServerMetrics()

    /// Opens the storage (SQLite in the data folder unless `storage` is given) and the admin token;
    /// `bus` joins the instances sharing `storage` (PostgreSQL). `councils` gives the storage of
    /// each council of the data folder's `CouncilDirectory`, or why it could not be opened; nil
    /// opens each one's SQLite file in its folder. `openCouncil` opens a council created after
    /// start (nil: its SQLite file in its folder).
    ///
    /// The default council's failure stops the start; a hosted council's does not: it is logged,
    /// counted (`huisclos_council_unavailable`) and answered 503 under its prefix, and the others
    /// are served (one council's damaged database or settings must not take the others down).
    public init(configuration: ServerConfiguration, storage: (any ServerStorage)? = nil, bus: (any RelayBus)? = nil,
                councils: [CouncilID: Result<CouncilStorage, any Error>]? = nil,
                openCouncil: (@Sendable (CouncilID) async throws -> CouncilStorage)? = nil, logger: Logger) throws {
        self.configuration = configuration
        let dataFolder = configuration.dataFolder
        self.openCouncil = openCouncil ?? { id in try Self.sqliteCouncil(id, dataFolder: dataFolder) }
        main = try CouncilRelay(id: nil, folder: configuration.dataFolder,
                                storage: try storage ?? SQLiteServerStorage(folder: configuration.dataFolder), bus: bus,
                                configuration: configuration)
        let directory = CouncilDirectory(dataFolder: configuration.dataFolder)
        var serving: [CouncilRelay] = []
        var unavailable: [CouncilID] = []
        for id in try directory.councils() {
            do {
                let opened: CouncilStorage
                if let councils {
                    // A council that appeared while the relay started is opened on its first request (`LateCouncils`).
                    guard let given = councils[id] else { continue }
                    opened = try given.get()
                } else {
                    opened = try Self.sqliteCouncil(id, dataFolder: configuration.dataFolder)
                }
                serving.append(try CouncilRelay(id: id, folder: directory.folder(of: id), storage: opened.storage, bus: opened.bus,
                                                configuration: configuration))
            } catch {
                logger.error("a hosted council cannot be served: it answers 503 until fixed (tried again on a later request)",
                             metadata: ["council": "\(id)", "error": "\(error)"])
                unavailable.append(id)
            }
        }
        self.councils = serving
        self.unavailableCouncilIDs = unavailable
        self.logger = logger
        for id in serving.map(\.id!) { metrics.councilUnavailable(false, council: id.rawValue) }
        for id in unavailable { metrics.councilUnavailable(true, council: id.rawValue) }
    }

    /// The application serving every endpoint of PROTOCOL.md (but `/metrics`: see `metricsApplication`),
    /// for every council.
    public func application(onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in })
        throws -> some ApplicationProtocol
    {
        // The root's /readyz answers for the process and the default council; each council's own
        // /readyz for its storage alone (a load balancer asks each one it routes: PROTOCOL.md).
        let root = main.responders(configuration: configuration, metrics: metrics, readiness: [main.health], logger: logger)
        var http: [String: RouterResponder<RelayRequestContext>] = [:]
        var watch: [String: RouterResponder<WatchRequestContext>] = [:]
        var services = root.services
        for council in councils {
            let built = council.responders(configuration: configuration, metrics: metrics, readiness: [council.health], logger: logger)
            http[council.id!.rawValue] = built.http
            watch[council.id!.rawValue] = built.watch
            services += built.services
        }
        let late = lateCouncils(services: &services)
        let plain = Self.guardedHTTP1(webSocketResponder: CouncilDispatch(main: root.watch, councils: watch, late: late, pick: \.watch),
                                      quotas: configuration.quotas, proxies: configuration.trustedProxies, metrics: metrics)
        let server = try configuration.tls.map { try HTTPServerBuilder.tls(plain, tlsConfiguration: Self.tlsConfiguration($0)) } ?? plain
        let host = configuration.host
        let bases = ([main] + councils).map(\.publicBase)
        return Application(
            responder: CouncilDispatch(main: root.http, councils: http, late: late, pick: \.http), server: server,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "huisclos-server"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                for base in bases { base.bound(port: port) }
                await late.bound(port: port)
                await onListening(host, port)
            },
            logger: logger)
    }

    /// Council `id`'s SQLite storage, in its folder of `dataFolder`'s `CouncilDirectory`.
    private static func sqliteCouncil(_ id: CouncilID, dataFolder: URL) throws -> CouncilStorage {
        (try SQLiteServerStorage(folder: CouncilDirectory(dataFolder: dataFolder).folder(of: id), council: id), nil)
    }

    /// The councils opened after start, their background services added to `services`.
    private func lateCouncils(services: inout [any Service]) -> LateCouncils {
        let (configuration, metrics, logger, openCouncil) = (self.configuration, self.metrics, self.logger, self.openCouncil)
        let background = LateCouncilServices(logger: logger)
        services.append(background)
        return LateCouncils(directory: CouncilDirectory(dataFolder: configuration.dataFolder), clock: configuration.clock, logger: logger) { id, port in
            do {
                let opened = try await openCouncil(id)
                let council = try CouncilRelay(id: id, folder: CouncilDirectory(dataFolder: configuration.dataFolder).folder(of: id),
                                               storage: opened.storage, bus: opened.bus, configuration: configuration)
                council.publicBase.bound(port: port)
                let built = council.responders(configuration: configuration, metrics: metrics, readiness: [council.health], logger: logger)
                built.services.forEach(background.start)
                metrics.councilUnavailable(false, council: id.rawValue)
                return LateCouncils.Responders(http: built.http, watch: built.watch)
            } catch {
                metrics.councilUnavailable(true, council: id.rawValue)
                throw error
            }
        }
    }

    /// The application serving `GET /metrics` (Prometheus text) on `configuration.metricsAddress`
    /// alone; nil when no metrics address is configured (the figures are then served nowhere).
    public func metricsApplication(onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in })
        -> Application<RouterResponder<BasicRequestContext>>?
    {
        guard let address = configuration.metricsAddress else { return nil }
        let router = Router()
        let metrics = self.metrics
        router.get(RouterPath(Endpoint.metrics)) { _, _ in
            Response.bytes(metrics.exposition(), contentType: "text/plain; version=0.0.4")
        }
        return Application(
            router: router,
            configuration: .init(address: .hostname(address.host, port: address.port), serverName: "huisclos-server-metrics"),
            onServerRunning: { channel in await onListening(address.host, channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// HTTP/1.1 with the watch socket's upgrade, behind the connection guard: bounded connections,
    /// a deadline for the first head and for every body, an idle timeout, bounded heads, and parse
    /// errors answered.
    private static func guardedHTTP1(webSocketResponder: CouncilDispatch<WatchRequestContext>, quotas: RelayQuotas,
                                     proxies: TrustedProxies, metrics: ServerMetrics) -> HTTPServerBuilder {
        let connections = ConnectionCounter(totalMax: quotas.connectionsMax, perAddressMax: quotas.connectionsPerAddressMax, proxies: proxies)
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: ServerLimits.requestHeadBytesMax, maxHeaderListSize: ServerLimits.requestHeadBytesMax,
            maxHeaderFieldCount: ServerLimits.requestHeaderFieldsMax)
        let configuration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(additionalChannelHandlers: [BodyDeadline(secondsMin: quotas.requestBodySecondsMin,
                                                                  bytesPerSecondMin: quotas.requestBodyBytesPerSecondMin, metrics: metrics)],
                         idleTimeout: .seconds(Int64(quotas.idleSeconds)), httpDecoderConfiguration: decoder),
            ws: .init())
        return HTTPServerBuilder { responder in
            GuardedChannel(
                inner: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder, configuration: configuration),
                connections: connections, policy: .relay(headTimeout: .seconds(Int64(quotas.requestHeadSeconds)), metrics: metrics),
                position: .last)
        }
    }

    private static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
            // TLS 1.0 and 1.1 are deprecated (RFC 8996): a client that cannot do 1.2 is refused.
            configuration.minimumTLSVersion = .tlsv12
            return configuration
        } catch {
            throw APIError(.malformed, Text(fr: "impossible de charger le certificat ou la clé TLS (\(files.certificatePath), \(files.privateKeyPath)) : vérifiez que ce sont des fichiers PEM lisibles par le serveur",
                                            en: "cannot load the TLS certificate or key (\(files.certificatePath), \(files.privateKeyPath)): check they are PEM files readable by the server"))
        }
    }
}
