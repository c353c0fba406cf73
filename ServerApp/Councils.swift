import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosServer
import HuisClosServerPostgres
import HuisClosTerminal
import Logging

/// `huisclos-server councils`: the councils a deployment hosts beside its default one.
struct Councils: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Crée et liste les conseils hébergés à côté du conseil par défaut / creates and lists the councils hosted beside the default one.",
        discussion: """
            Le conseil par défaut est servi à la racine (/v1, /public/) depuis le dossier de données lui-même. \
            Chaque autre conseil a son dossier <données>/councils/<ID>/ (jeton d'administration, public-site.json \
            et, sur SQLite, sa base), ses appareils, portées, racine de confiance et site public, servis sous \
            /councils/<ID>/v1 et /councils/<ID>/public/. Un relais en marche sert un conseil créé depuis dès la \
            première requête qui le nomme : pas de redémarrage.
            The default council is served at the root (/v1, /public/) from the data folder itself. Each other \
            council has its own folder <data>/councils/<ID>/ (its admin token, its public-site.json, and on \
            SQLite its database), its own devices, scopes, trust root and public site, and is served at \
            /councils/<ID>/v1 and /councils/<ID>/public/. A running relay serves a council created since from the \
            first request naming it: no restart.
            """,
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée un conseil : son dossier, son jeton d'administration et son stockage / creates a council: its folder, admin token and storage.",
            discussion: """
                Exemple / example : huisclos-server councils create cese-93 --data /var/lib/huisclos
                Son secrétariat prend l'adresse affichée comme serveur (huisclos … --server \
                https://relais.example.org/councils/cese-93) et le jeton d'administration du fichier affiché. Avec \
                --database (ou HUISCLOS_DATABASE), le schéma PostgreSQL du conseil est créé aussi ; copiez le dossier \
                du conseil dans le dossier de données de chaque instance. Un conseil dont le schéma existe est refusé \
                (il hériterait des appareils et du registre qui s'y trouvent) : sur une autre instance du même \
                déploiement, copiez le dossier, ou ajoutez --adopt-existing et copiez le fichier du jeton de la première.
                Its secretariat then uses the printed address as the server and the admin token in the printed file. \
                With --database (or HUISCLOS_DATABASE) the council's PostgreSQL schema is created too; copy the \
                council's folder to every instance's data folder. A council whose schema exists is refused (it would \
                inherit the devices and log there): on another instance of the same deployment, copy the folder, or \
                add --adopt-existing and copy the admin token file from the first instance.
                """)

        @Argument(
            help:
                "Identifiant du conseil : 1 à \(CouncilID.bytesMax) caractères parmi a-z, 0-9 et « - » (ex. cese-93) / the council's identifier: 1 to \(CouncilID.bytesMax) characters among a-z, 0-9 and '-'."
        )
        var id: String
        @Option(help: .dataFolder)
        var data: String?
        @Option(help: "postgres://… quand le relais tourne sur PostgreSQL (variable HUISCLOS_DATABASE) / when the relay runs on PostgreSQL (env HUISCLOS_DATABASE).")
        var database: String?
        @Flag(
            help:
                "Reprend le dossier ou le schéma PostgreSQL existant du conseil (autre instance du même déploiement) au lieu de refuser / takes the council's existing folder or schema instead of refusing."
        )
        var adoptExisting = false

        func run() async throws {
            let council = try CouncilID(id)
            let directory = CouncilDirectory(dataFolder: try dataFolder(data))
            let folderExisted = FileManager.default.fileExists(atPath: directory.folder(of: council).path)
            let token = try directory.create(council, adopting: adoptExisting)
            let database = database ?? ProcessInfo.processInfo.environment["HUISCLOS_DATABASE"]
            do {
                if let database, !database.isEmpty {
                    let storage = try await PostgresServerStorage.open(
                        try PostgresLocation(url: database), council: council,
                        creating: !adoptExisting, logger: Logger(label: "huisclos-server"))
                    storage.close()
                } else {
                    _ = try SQLiteServerStorage(folder: directory.folder(of: council), council: council)
                }
            } catch {
                // A refused storage leaves no half-created council behind.
                if !folderExisted { try? FileManager.default.removeItem(at: directory.folder(of: council)) }
                throw error
            }
            say(
                .councilCreated(
                    council.rawValue, pathPrefix: council.pathPrefix, tokenFile: token.path,
                    publicSiteFile: directory.folder(of: council).appendingPathComponent("public-site.json").path))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Liste les conseils hébergés à côté du conseil par défaut / lists the councils hosted beside the default one.")

        @Option(help: .dataFolder)
        var data: String?
        @Flag(help: "Sortie JSON / JSON output.")
        var json = false

        func run() throws {
            let directory = CouncilDirectory(dataFolder: try dataFolder(data))
            let councils = try directory.councils()
            if json {
                let objects = councils.map { ["id": $0.rawValue, "path": $0.pathPrefix, "publicSite": directory.hasPublicSite($0)] as [String: Any] }
                let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            guard !councils.isEmpty else {
                return say(.noHostedCouncil)
            }
            var table = Table(headers: Text.councilHeaders.map { $0.in(language) })
            for council in councils {
                table.append([council.rawValue, council.pathPrefix + "/", Text.publicSite(configured: directory.hasPublicSite(council)).in(language)])
            }
            print(table.render())
        }
    }
}
