import ArgumentParser
import Foundation
import HuisClosProtocol
import HuisClosServer
import Logging
import ServiceLifecycle

/// `huisclos-server`: the secretariat's relay. Configuration and lifecycle only; logic lives in Sources/.
///
/// Every option can also come from the environment (`HUISCLOS_DATA`, `HUISCLOS_HOST`, …); a flag
/// wins over the environment. SIGTERM and SIGINT stop it gracefully: it stops accepting, lets
/// requests in flight finish, then exits.
@main
struct HuisClosServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huisclos-server",
        abstract: "Relays and orders the council's encrypted changes; never reads confidential content.",
        discussion: """
            Without --tls-cert/--tls-key the server speaks plain HTTP: keep it on loopback or behind a \
            TLS-terminating proxy. On start it prints one line, "huisclos-server listening on HOST:PORT".
            """,
        version: HuisClosVersion.product,
        subcommands: [Check.self])

    @Option(help: "Data folder (database, admin token). Env: HUISCLOS_DATA.")
    var data: String?
    @Option(help: "Address to bind. Env: HUISCLOS_HOST. Default 127.0.0.1.")
    var host: String?
    @Option(help: "Port to bind, 0 for any free port. Env: HUISCLOS_PORT. Default 8443.")
    var port: Int?
    @Option(help: "PEM certificate chain for TLS. Env: HUISCLOS_TLS_CERT.")
    var tlsCert: String?
    @Option(help: "PEM private key for TLS. Env: HUISCLOS_TLS_KEY.")
    var tlsKey: String?
    @Option(help: "File holding the admin token, mode 0600 (refused if others may read it). Env: HUISCLOS_ADMIN_TOKEN (the token itself). Default: <data>/admin-token, created once.")
    var adminTokenFile: String?
    @Option(help: "Login token lifetime in seconds. Env: HUISCLOS_TOKEN_LIFETIME. Default 900.")
    var tokenLifetime: Int?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. Env: HUISCLOS_LOG_LEVEL.")
    var logLevel: String?
    @Option(help: ArgumentHelp(
        "Public site address as visitors reach it, for the open data's links. Env: HUISCLOS_PUBLIC_URL.",
        discussion: "Default: http(s)://HOST:PORT/public from --host and the bound port. Give it behind a proxy or with --host 0.0.0.0, e.g. --public-url https://conseil.example.org/public"))
    var publicURL: String?
    @Option(help: ArgumentHelp(
        "Address serving GET /metrics (Prometheus), e.g. 127.0.0.1:9464. Env: HUISCLOS_METRICS_ADDRESS. Default: off.",
        discussion: "Never the main address: the figures tell who syncs when. Keep it on loopback or a private network."))
    var metricsAddress: String?
    @Flag(help: .hidden)
    var benchEndpoints = false

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    func validate() throws {
        guard (tlsCert ?? environment["HUISCLOS_TLS_CERT"] == nil) == (tlsKey ?? environment["HUISCLOS_TLS_KEY"] == nil) else {
            throw ValidationError("TLS needs both --tls-cert and --tls-key")
        }
        if let level = logLevel ?? environment["HUISCLOS_LOG_LEVEL"], Logger.Level(rawValue: level) == nil {
            throw ValidationError("unknown log level \(level)")
        }
        if let address = metricsAddress ?? environment["HUISCLOS_METRICS_ADDRESS"], ListenAddress(parsing: address) == nil {
            throw ValidationError("--metrics-address is HOST:PORT, e.g. 127.0.0.1:9464 (got \(address))")
        }
        if let url = publicURL ?? environment["HUISCLOS_PUBLIC_URL"] {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
                  parsed.query == nil, parsed.fragment == nil else {
                throw ValidationError("--public-url must be an http(s) address without query, e.g. https://conseil.example.org/public (got \(url))")
            }
        }
    }

    func run() async throws {
        // Checked here, not in `validate()`, which also runs before a subcommand (`check` takes its own --data).
        guard (data ?? environment["HUISCLOS_DATA"]) != nil else {
            throw ValidationError("give the data folder: --data PATH or HUISCLOS_DATA")
        }
        let configuration = try makeConfiguration()
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var logger = Logger(label: "huisclos-server")
        logger.logLevel = configuration.logLevel
        let server = try RelayServer(configuration: configuration, logger: logger)
        if server.adminTokenGenerated, let file = server.adminTokenFile {
            logger.notice("generated the admin token", metadata: ["file": "\(file.path)"])
        }
        if configuration.tls == nil {
            logger.warning("TLS is off: plain HTTP; keep this server on loopback or behind a TLS proxy")
        }
        if !configuration.publicSiteNamesItself {
            logger.warning("no --public-url and a wildcard or loopback address: the public site publishes nothing until you give --public-url https://…/public")
        }
        let application = try server.application { host, port in
            // An unbuffered write: a test reading this pipe sees the line at once.
            FileHandle.standardOutput.write(Data("huisclos-server listening on \(host):\(port)\n".utf8))
        }
        var services: [any Service] = [application]
        if let metrics = server.metricsApplication(onListening: { host, port in
            FileHandle.standardOutput.write(Data("huisclos-server metrics on \(host):\(port)\n".utf8))
        }) {
            services.append(metrics)
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    private func makeConfiguration() throws -> ServerConfiguration {
        let folder = URL(fileURLWithPath: data ?? environment["HUISCLOS_DATA"] ?? ".")
        var configuration = ServerConfiguration(dataFolder: folder)
        configuration.host = host ?? environment["HUISCLOS_HOST"] ?? configuration.host
        if let port = port ?? environment["HUISCLOS_PORT"].flatMap(Int.init) { configuration.port = port }
        if let cert = tlsCert ?? environment["HUISCLOS_TLS_CERT"], let key = tlsKey ?? environment["HUISCLOS_TLS_KEY"] {
            configuration.tls = TLSFiles(certificatePath: cert, privateKeyPath: key)
        }
        if let file = adminTokenFile {
            configuration.adminTokenFile = URL(fileURLWithPath: file)
        } else if let token = environment["HUISCLOS_ADMIN_TOKEN"] {
            configuration.adminToken = token
        }
        if let seconds = tokenLifetime ?? environment["HUISCLOS_TOKEN_LIFETIME"].flatMap(Int.init) {
            configuration.tokenLifetime = .seconds(seconds)
        }
        if let level = (logLevel ?? environment["HUISCLOS_LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) {
            configuration.logLevel = level
        }
        configuration.publicURL = publicURL ?? environment["HUISCLOS_PUBLIC_URL"]
        configuration.metricsAddress = (metricsAddress ?? environment["HUISCLOS_METRICS_ADDRESS"]).flatMap(ListenAddress.init(parsing:))
        configuration.benchEndpoints = benchEndpoints
        return configuration
    }
}
