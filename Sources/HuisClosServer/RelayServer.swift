import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import HuisClosWire
import Logging
import NIOCore
import NIOSSL

/// The relay server: opens its storage and admin token, then builds the Hummingbird application.
///
/// `ServerApp` and the tests use it the same way: build, then run the application (in a
/// `ServiceGroup` for signal handling). `onListening` receives the bound host and port, which is
/// how a caller learns the port when it asked for 0.
public struct RelayServer: Sendable {
    /// The configuration it runs with.
    public let configuration: ServerConfiguration
    /// Where its data lives.
    public let storage: any ServerStorage
    /// The admin token file, when the token is read from or was written to one.
    public var adminTokenFile: URL? { admin.file }
    /// Whether this start generated a new admin token file.
    public var adminTokenGenerated: Bool { admin.generated }
    /// Whether the storage is sound (what `/readyz` answers), kept by `IntegrityWatch` and requests.
    public let health = StorageHealth()

    private let admin: AdminToken
    private let logger: Logger
    /// One registry for both applications: the main one counts, the metrics one shows.
    private let metrics = ServerMetrics()

    /// Carries pokes and revocations to the other instances on the same database; nil alone.
    public let bus: (any RelayBus)?

    /// Opens the storage (SQLite in the data folder unless `storage` is given) and the admin token;
    /// `bus` joins the instances sharing `storage` (PostgreSQL).
    public init(configuration: ServerConfiguration, storage: (any ServerStorage)? = nil, bus: (any RelayBus)? = nil,
                logger: Logger) throws {
        self.configuration = configuration
        self.storage = try storage ?? SQLiteServerStorage(folder: configuration.dataFolder)
        self.bus = bus
        self.admin = try AdminToken(configured: configuration.adminToken, configuredFile: configuration.adminTokenFile,
                                    folder: configuration.dataFolder)
        self.logger = logger
    }

    /// The application serving every endpoint of PROTOCOL.md (but `/metrics`: see `metricsApplication`).
    public func application(onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in })
        throws -> some ApplicationProtocol
    {
        let ledger = CouncilLedger(storage: storage, clock: configuration.clock)
        let authenticator = Authenticator(storage: storage, admin: admin, clock: configuration.clock, ledger: ledger)
        let hub = PokeHub(metrics: metrics)
        let fanout = RelayFanout(hub: hub, authenticator: authenticator, bus: bus)
        let services = RelayServices(
            configuration: configuration, storage: storage, authenticator: authenticator,
            intake: BatchIntake(storage: storage, authenticator: authenticator, fanout: fanout, metrics: metrics, clock: configuration.clock),
            hub: hub, fanout: fanout, metrics: metrics, limiter: RateLimiter(windowSeconds: configuration.quotas.rateWindowSeconds), logger: logger)

        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: ProtocolMiddleware(metrics: metrics, health: health, clock: configuration.clock))
        AccessRoutes(services: services).register(on: router)
        SyncRoutes(services: services).register(on: router)
        FileRoutes(services: services).register(on: router)
        MembershipRoutes(services: services, ledger: ledger).register(on: router)
        OperationsRoutes(services: services, health: health).register(on: router)
        let publicBase = PublicBaseURL(configuration: configuration)
        PublicRoutes(services: services, settings: try PublicSiteSettings.load(folder: configuration.dataFolder), ledger: ledger, base: publicBase,
                     cache: PublicCatalogCache(storage: storage, metrics: metrics))
            .register(on: router)

        let webSocketRouter = Router(context: WatchRequestContext.self)
        webSocketRouter.add(middleware: ProtocolMiddleware(metrics: metrics, health: health, clock: configuration.clock) { error, context in
            await context.refuse(error)
        })
        SyncRoutes(services: services).registerWatch(on: webSocketRouter)

        let plain = Self.guardedHTTP1(webSocketRouter: webSocketRouter, quotas: configuration.quotas, metrics: metrics)
        let server = try configuration.tls.map { try HTTPServerBuilder.tls(plain, tlsConfiguration: Self.tlsConfiguration($0)) } ?? plain
        let host = configuration.host
        return Application(
            router: router, server: server,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "huisclos-server"),
            services: [IntegrityWatch(storage: storage, health: health, clock: configuration.clock, logger: logger)]
                + (bus.map { [RelayBusListener(bus: $0, fanout: fanout)] } ?? []),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                publicBase.bound(port: port)
                await onListening(host, port)
            },
            logger: logger)
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
    private static func guardedHTTP1(webSocketRouter: Router<WatchRequestContext>, quotas: RelayQuotas,
                                     metrics: ServerMetrics) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        let connections = ConnectionCounter(totalMax: quotas.connectionsMax, perAddressMax: quotas.connectionsPerAddressMax)
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
                connections: connections, headTimeout: .seconds(Int64(quotas.requestHeadSeconds)), metrics: metrics)
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
            throw APIError(.malformed, "cannot load the TLS certificate or key (\(files.certificatePath), \(files.privateKeyPath)): check they are PEM files readable by the server")
        }
    }
}
