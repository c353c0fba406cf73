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
            FileHandle.standardError.write(Data("huisclos-server check: no relay database in \(path): check the folder\n".utf8))
            throw ExitCode(74)
        }
        let id = try council.map { try CouncilID($0) }
        let storage: SQLiteServerStorage
        do {
            storage = try SQLiteServerStorage(folder: folder, council: id)
        } catch {
            FileHandle.standardError.write(Data("huisclos-server check: \(error.message)\n".utf8))
            throw ExitCode(error.exitStatus.rawValue)
        }
        let problems = await RelayIntegrity.check(storage, clock: .system)
        guard !problems.isEmpty else {
            print("huisclos-server check: no damage found in \(path)")
            return
        }
        for problem in problems { print("damaged: \(problem)") }
        FileHandle.standardError.write(Data("huisclos-server check: the data folder is damaged; keep it aside and restore the last backup\n".utf8))
        throw ExitCode(65)
    }
}
