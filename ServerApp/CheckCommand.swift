import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosServer

/// `huisclos-server check`: the relay's damage check on demand (the one it also runs at start and
/// hourly for `/readyz`): the database's integrity, then the membership log verified again.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks the data folder for damage (database integrity, membership log); exits 65 when damaged.",
        discussion: "Run it with the server stopped, or beside it. Exit: 0 sound, 65 damaged, 74 cannot open.")

    @Option(help: "Data folder of the relay. Env: HUISCLOS_DATA.")
    var data: String?
    @Option(help: "A council hosted beside the default one (huisclos-server councils list). Default: the default council.")
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
