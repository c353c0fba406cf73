import ArgumentParser
import Foundation
import HuisClosServer

/// `huisclos-server check`: the relay's damage check on demand (the one it also runs at start and
/// hourly for `/readyz`): the database's integrity, then the membership log verified again.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Checks the data folder for damage (database integrity, membership log); exits 65 when damaged.",
        discussion: "Run it with the server stopped, or beside it. Exit: 0 sound, 65 damaged, 74 cannot open.")

    /// The server's own options: `--data` (or `HUISCLOS_DATA`) names the folder to check.
    @ParentCommand var server: HuisClosServer

    func run() async throws {
        guard let path = server.data ?? ProcessInfo.processInfo.environment["HUISCLOS_DATA"] else {
            throw ValidationError("give the data folder: --data PATH or HUISCLOS_DATA")
        }
        let storage: SQLiteServerStorage
        do {
            storage = try SQLiteServerStorage(folder: URL(fileURLWithPath: path))
        } catch {
            FileHandle.standardError.write(Data("huisclos-server check: \(error.message)\n".utf8))
            throw ExitCode(error.code == .corrupt ? 65 : 74)
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
