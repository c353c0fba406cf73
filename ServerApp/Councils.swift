import ArgumentParser
import Foundation
import HuisClosServer
import HuisClosServerPostgres
import HuisClosTerminal
import Logging

/// `huisclos-server councils`: the councils a deployment hosts beside its default one.
struct Councils: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Creates and lists the councils this deployment hosts beside the default one.",
        discussion: """
            The default council is served at the root (/v1, /public/) from the data folder itself. Each other \\
            council has its own folder <data>/councils/<ID>/ (its admin token, its public-site.json, and on \\
            SQLite its database), its own devices, scopes, trust root and public site, and is served at \\
            /councils/<ID>/v1 and /councils/<ID>/public/. Restart the relay (every instance) after creating one.
            """,
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Creates a council: its folder, its admin token and its storage.",
            discussion: """
                Example: huisclos-server councils create cese-93 --data /var/lib/huisclos
                Its secretariat then uses the printed address as the server (huisclos … --server https://relay.example.org/councils/cese-93) \\
                and the admin token in the printed file. With --database (or HUISCLOS_DATABASE) the council's \\
                PostgreSQL schema is created too; copy the council's folder to every instance's data folder.
                A council whose schema exists is refused (it would inherit the devices and log there): on \\
                another instance of the same deployment, copy the folder, or add --adopt-existing and copy the \\
                admin token file from the first instance.
                """)

        @Argument(help: "The council's identifier: 1 to \(CouncilID.bytesMax) characters among a-z, 0-9 and '-' (e.g. cese-93).")
        var id: String
        @Option(help: "Data folder of the relay. Env: HUISCLOS_DATA.")
        var data: String?
        @Option(help: "postgres://… when the relay runs on PostgreSQL. Env: HUISCLOS_DATABASE.")
        var database: String?
        @Flag(help: "Take the council's existing folder or PostgreSQL schema (another instance of the same deployment) instead of refusing.")
        var adoptExisting = false

        func run() async throws {
            let council = try CouncilID(id)
            let directory = CouncilDirectory(dataFolder: try dataFolder(data))
            let folderExisted = FileManager.default.fileExists(atPath: directory.folder(of: council).path)
            let token = try directory.create(council, adopting: adoptExisting)
            let database = database ?? ProcessInfo.processInfo.environment["HUISCLOS_DATABASE"]
            do {
                if let database, !database.isEmpty {
                    let storage = try await PostgresServerStorage.open(try PostgresLocation(url: database), council: council,
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
            print("""
                huisclos-server councils: created \(council)
                  address:      <the relay's address>\(council.pathPrefix)   (public site: \(council.pathPrefix)/public/)
                  admin token:  \(token.path)
                  publisher:    write \(directory.folder(of: council).appendingPathComponent("public-site.json").path) ({"siret": "…"})
                Restart the relay (every instance) to serve it.
                """)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lists the councils hosted beside the default one.")

        @Option(help: "Data folder of the relay. Env: HUISCLOS_DATA.")
        var data: String?
        @Flag(help: "One JSON array instead of a table.")
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
                print("no council besides the default one (create one: huisclos-server councils create ID --data …)")
                return
            }
            var table = Table(headers: ["council", "path", "public site"])
            for council in councils {
                table.append([council.rawValue, council.pathPrefix + "/", directory.hasPublicSite(council) ? "configured" : "missing: write public-site.json"])
            }
            print(table.render())
        }
    }
}
