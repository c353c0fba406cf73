import ArgumentParser
import Foundation
import HuisClosServer
import HuisClosServerPostgres
import Logging
import ServiceLifecycle

/// `huisclos-server serve` (the default command): runs the relay until SIGTERM or SIGINT.
///
/// Each setting comes from a flag, else the environment (`HUISCLOS_DATA`, `HUISCLOS_HOST`, …),
/// else the configuration file (`--config`); `--print-config` shows what won. SIGTERM and SIGINT
/// stop it gracefully: it stops accepting, lets requests in flight finish, then exits.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Runs the relay (the default command).",
        discussion: """
            Each option also comes from the environment (HUISCLOS_<OPTION>, e.g. HUISCLOS_TLS_CERT) or from the \\
            JSON configuration file (--config; keys are the option names); a flag wins over the environment, \\
            which wins over the file. Without TLS the server speaks plain HTTP: keep it on loopback or behind a \\
            TLS-terminating proxy. On start it prints one line, "huisclos-server listening on HOST:PORT".
            """)

    @Option(help: "JSON configuration file (keys are the option names). Env: HUISCLOS_CONFIG.")
    var config: String?
    @Flag(help: "Print the effective settings and where each comes from (secrets masked), then exit.")
    var printConfig = false
    @Option(help: "Data folder (admin token, public-site.json; the SQLite database by default).")
    var data: String?
    @Option(help: ArgumentHelp(
        "Database: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE. Default: SQLite in the data folder.",
        discussion: "PostgreSQL lets several relay instances share one database; its schema is migrated at start."))
    var database: String?
    @Option(help: "Address to bind. Default 127.0.0.1.")
    var host: String?
    @Option(help: "Port to bind, 0 for any free port. Default 8443.")
    var port: String?
    @Option(help: "PEM certificate chain for TLS.")
    var tlsCert: String?
    @Option(help: "PEM private key for TLS.")
    var tlsKey: String?
    @Option(help: "File holding the admin token, mode 0600 (refused if others may read it). Env HUISCLOS_ADMIN_TOKEN gives the token itself. Default: <data>/admin-token, created once.")
    var adminTokenFile: String?
    @Option(help: "Login token lifetime in seconds. Default 900.")
    var tokenLifetime: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?
    @Option(help: "Log lines as text (default) or json (one JSON object per line, for a log shipper).")
    var logFormat: String?
    @Option(help: ArgumentHelp(
        "Public site address as visitors reach it, for the open data's links.",
        discussion: "Default: http(s)://HOST:PORT/public from a --host visitors reach; on a loopback or wildcard address the public site publishes nothing until it is given, e.g. --public-url https://conseil.example.org/public"))
    var publicURL: String?
    @Option(help: ArgumentHelp(
        "Address serving GET /metrics (Prometheus), e.g. 127.0.0.1:9464. Default: off.",
        discussion: "Never the main address: the figures tell who syncs when. Keep it on loopback or a private network."))
    var metricsAddress: String?
    @Flag(help: .hidden)
    var benchEndpoints = false

    private var flags: [RelaySetting: String] {
        let given: [RelaySetting: String?] = [
            .data: data, .database: database, .host: host, .port: port, .tlsCert: tlsCert, .tlsKey: tlsKey,
            .adminTokenFile: adminTokenFile, .tokenLifetime: tokenLifetime, .logLevel: logLevel, .logFormat: logFormat, .publicURL: publicURL,
            .metricsAddress: metricsAddress,
        ]
        return given.compactMapValues { $0 }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings: RelaySettings
        var configuration: ServerConfiguration
        do {
            settings = try await RelaySettings.resolve(flags: flags, environment: environment, file: config ?? environment["HUISCLOS_CONFIG"])
            if printConfig {
                print(settings.printed)
                return
            }
            configuration = try settings.serverConfiguration()
        } catch {
            throw ValidationError(error.description)
        }
        configuration.benchEndpoints = benchEndpoints
        switch configuration.logFormat {
        case .text: LoggingSystem.bootstrap(StreamLogHandler.standardError)
        case .json: LoggingSystem.bootstrap { label in JSONLogHandler.standardError(label: label) }
        }
        var logger = Logger(label: "huisclos-server")
        logger.logLevel = configuration.logLevel
        // Held until the process ends: restore refuses meanwhile, and so does a second relay on this folder.
        let lock = try RelayDataLock(folder: configuration.dataFolder, purpose: "start another relay on it or restore a backup into it")
        defer { withExtendedLifetime(lock) {} }
        let (storage, bus) = try await RelayStorage.open(database: settings[.database], dataFolder: configuration.dataFolder, logger: logger)
        let councils = try await RelayStorage.councils(database: settings[.database], dataFolder: configuration.dataFolder, logger: logger)
        let server = try RelayServer(configuration: configuration, storage: storage, bus: bus, councils: councils, logger: logger)
        for council in server.councilIDs {
            logger.notice("serving a hosted council", metadata: ["council": "\(council)", "path": "\(council.pathPrefix)/v1"])
        }
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
}
