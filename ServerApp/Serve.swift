import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosServer
import HuisClosServerPostgres
import Logging
import ServiceLifecycle
import UnixSignals

/// `huisclos-server serve` (the default command): runs the relay until SIGTERM or SIGINT.
///
/// Each setting comes from a flag, else the environment (`HUISCLOS_DATA`, `HUISCLOS_HOST`, …),
/// else the configuration file (`--config`); `--print-config` shows what won. SIGTERM and SIGINT
/// stop it gracefully: it stops accepting, lets requests in flight finish, then exits.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fait tourner le relais (commande par défaut) / runs the relay (the default command).",
        discussion: """
            Chaque option vient aussi de l'environnement (HUISCLOS_<OPTION>, ex. HUISCLOS_TLS_CERT) ou du fichier \
            de configuration JSON (--config ; les clés sont les noms des options) ; une option l'emporte sur \
            l'environnement, qui l'emporte sur le fichier (--print-config montre ce qui s'applique). Sans TLS, le \
            relais parle HTTP en clair : gardez-le sur la boucle locale ou derrière un mandataire TLS. Au démarrage \
            il affiche une ligne, « huisclos-server listening on HÔTE:PORT ».
            Each option also comes from the environment (HUISCLOS_<OPTION>, e.g. HUISCLOS_TLS_CERT) or from the \
            JSON configuration file (--config; keys are the option names); a flag wins over the environment, \
            which wins over the file. Without TLS the server speaks plain HTTP: keep it on loopback or behind a \
            TLS-terminating proxy. On start it prints one line, "huisclos-server listening on HOST:PORT".
            Exemple / example : huisclos-server serve --data /var/lib/huisclos --host 0.0.0.0 --tls-cert cert.pem --tls-key cle.pem
            """)

    @Option(help: "Fichier de configuration JSON (variable HUISCLOS_CONFIG) / JSON configuration file (env HUISCLOS_CONFIG).")
    var config: String?
    @Flag(help: "Affiche les réglages retenus et leur origine (secrets masqués), puis s'arrête / prints the effective settings and their origin (secrets masked), then exits.")
    var printConfig = false
    @Option(
        help:
            "Dossier de données (jeton d'administration, public-site.json ; la base SQLite par défaut) / data folder (admin token, public-site.json; the SQLite database by default)."
    )
    var data: String?
    @Option(
        help: ArgumentHelp(
            "Base : postgres://UTILISATEUR[:MOT_DE_PASSE]@HÔTE[:PORT]/BASE ; par défaut SQLite dans le dossier de données / database; default: SQLite in the data folder.",
            discussion:
                "PostgreSQL permet à plusieurs instances de partager une base ; son schéma est migré au démarrage / several instances can share one PostgreSQL database; its schema is migrated at start."
        ))
    var database: String?
    @Option(help: "Adresse d'écoute, 127.0.0.1 par défaut / address to bind, default 127.0.0.1.")
    var host: String?
    @Option(help: "Port d'écoute, 0 pour un port libre ; 8443 par défaut / port to bind, 0 for any free port; default 8443.")
    var port: String?
    @Option(help: "Chaîne de certificats PEM pour TLS / PEM certificate chain for TLS.")
    var tlsCert: String?
    @Option(help: "Clé privée PEM pour TLS / PEM private key for TLS.")
    var tlsKey: String?
    @Option(
        help:
            "Fichier du jeton d'administration, mode 0600 (refusé si d'autres peuvent le lire) ; HUISCLOS_ADMIN_TOKEN donne le jeton lui-même ; par défaut <données>/admin-token, créé une fois / file holding the admin token, mode 0600; HUISCLOS_ADMIN_TOKEN gives the token itself; default <data>/admin-token, created once."
    )
    var adminTokenFile: String?
    @Option(help: "Durée de vie des jetons de connexion en secondes, 900 par défaut / login token lifetime in seconds, default 900.")
    var tokenLifetime: String?
    @Option(help: "Niveau de journal / log level : trace, debug, info, notice, warning, error, critical.")
    var logLevel: String?
    @Option(help: "Journal en texte (par défaut) ou json (un objet JSON par ligne, pour un collecteur) / log lines as text (default) or json.")
    var logFormat: String?
    @Option(
        help: ArgumentHelp(
            "Adresse du site public telle que les visiteurs l'atteignent, pour les liens des données ouvertes / public site address as visitors reach it.",
            discussion:
                "Par défaut http(s)://HÔTE:PORT/public d'un --host joignable ; sur une adresse locale ou joker, le site public ne publie rien tant qu'elle n'est pas donnée / default: from a reachable --host; on a loopback or wildcard address nothing is published until it is given. Exemple / example : --public-url https://conseil.example.org/public"
        ))
    var publicURL: String?
    @Option(
        help: ArgumentHelp(
            "Adresse servant GET /metrics (Prometheus), ex. 127.0.0.1:9464 ; désactivé par défaut / address serving GET /metrics; off by default.",
            discussion:
                "Jamais l'adresse principale : les chiffres disent qui synchronise quand ; boucle locale ou réseau privé / never the main address: keep it on loopback or a private network."
        ))
    var metricsAddress: String?
    @Option(
        help: ArgumentHelp(
            "Adresses IP des mandataires inverses de confiance, séparées par des virgules / trusted reverse proxies' IP addresses, comma-separated.",
            discussion:
                "Leur en-tête X-Forwarded-For désigne le client pour les limites par adresse, et leurs connexions ne sont pas plafonnées par adresse ; celui de tout autre est ignoré / their X-Forwarded-For names the client for the per-address limits and their connections are not capped per address; anyone else's is ignored."
        ))
    var trustedProxies: String?
    @Option(
        help: ArgumentHelp(
            "Place que les données de chaque conseil peuvent occuper dans la base, ex. 64G (par défaut) / space each council's data may take in the database, e.g. 64G (default).",
            discussion:
                "Au-delà, les envois de ses appareils sont refusés (507 councilQuotaExceeded) ; les autres conseils ne sont pas touchés / past it, its devices' pushes and uploads are refused (507 councilQuotaExceeded); the other councils are not affected."
        ))
    var councilQuota: String?
    @Flag(help: .hidden)
    var benchEndpoints = false

    private var flags: [RelaySetting: String] {
        let given: [RelaySetting: String?] = [
            .data: data, .database: database, .host: host, .port: port, .tlsCert: tlsCert, .tlsKey: tlsKey,
            .adminTokenFile: adminTokenFile, .tokenLifetime: tokenLifetime, .logLevel: logLevel, .logFormat: logFormat, .publicURL: publicURL,
            .metricsAddress: metricsAddress, .trustedProxies: trustedProxies, .councilQuota: councilQuota,
        ]
        return given.compactMapValues { $0 }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try await RelaySettings.resolve(flags: flags, environment: environment, file: config ?? environment["HUISCLOS_CONFIG"])
        if printConfig { return print(settings.printed) }
        var configuration = try settings.serverConfiguration()
        configuration.benchEndpoints = benchEndpoints
        switch configuration.logFormat {
        case .text: LoggingSystem.bootstrap(StreamLogHandler.standardError)
        case .json: LoggingSystem.bootstrap { label in JSONLogHandler.standardError(label: label) }
        }
        var logger = Logger(label: "huisclos-server")
        logger.logLevel = configuration.logLevel
        // Held until the process ends: restore refuses meanwhile, and so does a second relay on this folder.
        let lock = try RelayDataLock(
            folder: configuration.dataFolder,
            purpose: Text(
                fr: "en démarrer un autre ou y restaurer une sauvegarde",
                en: "start another relay on it or restore a backup into it"))
        defer { withExtendedLifetime(lock) {} }
        let (storage, bus) = try await RelayStorage.open(database: settings[.database], dataFolder: configuration.dataFolder, logger: logger)
        let councils = try await RelayStorage.councils(database: settings[.database], dataFolder: configuration.dataFolder, logger: logger)
        let server = try RelayServer(
            configuration: configuration, storage: storage, bus: bus, councils: councils,
            openCouncil: try RelayStorage.councilOpener(database: settings[.database], logger: logger), logger: logger)
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
