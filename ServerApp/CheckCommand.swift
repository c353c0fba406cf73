import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosServer

/// `huisclos-server check`: the relay's damage check on demand (the one it also runs at start and
/// hourly for `/readyz`): the database's integrity, then the membership log verified again.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Cherche des dommages dans le dossier de données (intégrité de la base, registre signé) / checks the data folder for damage (database integrity, membership log).",
        discussion: "Relais arrêté ou en marche / with the relay stopped or running. Sortie / exit : 0 sain/sound, 65 endommagé/damaged, 74 illisible/cannot open.")

    @Option(help: .dataFolder)
    var data: String?
    @Option(help: .council)
    var council: String?

    func run() async throws {
        let folder = try dataFolder(data, council: council)
        let path = folder.path
        // Never creates what it checks: a mistyped folder is an error, not a sound empty relay.
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(SQLiteServerStorage.fileName).path) else {
            throw OperatorError(
                .noRelayDatabase,
                Text(
                    fr: "aucune base du relais dans \(path) : vérifiez le chemin",
                    en: "no relay database in \(path): check the folder"))
        }
        let id = try council.map { try CouncilID($0) }
        let problems = await RelayIntegrity.check(try SQLiteServerStorage(folder: folder, council: id), clock: .system)
        guard !problems.isEmpty else { return say(.noDamage(in: path)) }
        problems.map(\.text).forEach(say)
        throw OperatorError(.damaged)
    }
}
