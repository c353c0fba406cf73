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

    private let admin: AdminToken
    private let logger: Logger

    /// Opens the storage (SQLite in the data folder unless `storage` is given) and the admin token.
    public init(configuration: ServerConfiguration, storage: (any ServerStorage)? = nil, logger: Logger) throws {
        self.configuration = configuration
        self.storage = try storage ?? SQLiteServerStorage(folder: configuration.dataFolder)
        self.admin = try AdminToken(configured: configuration.adminToken, folder: configuration.dataFolder)
        self.logger = logger
    }

    /// The application serving every endpoint of PROTOCOL.md.
    public func application(onListening: @escaping @Sendable (_ host: String, _ port: Int) async -> Void = { _, _ in })
        throws -> some ApplicationProtocol
    {
        let metrics = ServerMetrics()
        let ledger = CouncilLedger(storage: storage, clock: configuration.clock)
        let authenticator = Authenticator(storage: storage, admin: admin, clock: configuration.clock, ledger: ledger)
        let hub = PokeHub(metrics: metrics)
        let services = RelayServices(
            configuration: configuration, storage: storage, authenticator: authenticator,
            intake: BatchIntake(storage: storage, authenticator: authenticator, hub: hub, metrics: metrics, clock: configuration.clock),
            hub: hub, metrics: metrics, logger: logger)

        let router = Router(context: BasicWebSocketRequestContext.self)
        router.add(middleware: ProtocolMiddleware(metrics: metrics))
        AccessRoutes(services: services).register(on: router)
        SyncRoutes(services: services).register(on: router)
        FileRoutes(services: services).register(on: router)
        MembershipRoutes(services: services, ledger: ledger).register(on: router)
        OperationsRoutes(services: services).register(on: router)
        let publicBase = PublicBaseURL(configuration: configuration)
        PublicRoutes(services: services, settings: try PublicSiteSettings.load(folder: configuration.dataFolder), base: publicBase)
            .register(on: router)

        let webSocketRouter = Router(context: BasicWebSocketRequestContext.self)
        webSocketRouter.add(middleware: ProtocolMiddleware(metrics: metrics))
        SyncRoutes(services: services).registerWatch(on: webSocketRouter)

        let plain = HTTPServerBuilder.http1WebSocketUpgrade(webSocketRouter: webSocketRouter)
        let server = try configuration.tls.map { try HTTPServerBuilder.tls(plain, tlsConfiguration: Self.tlsConfiguration($0)) } ?? plain
        let host = configuration.host
        return Application(
            router: router, server: server,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "huisclos-server"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                publicBase.bound(port: port)
                await onListening(host, port)
            },
            logger: logger)
    }

    private static func tlsConfiguration(_ files: TLSFiles) throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
            return TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        } catch {
            throw APIError(.malformed, "cannot load the TLS certificate or key (\(files.certificatePath), \(files.privateKeyPath)): check they are PEM files readable by the server")
        }
    }
}
