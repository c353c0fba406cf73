import ArgumentParser
import Foundation
import HuisClosServer

/// `huisclos-server backup`: a consistent copy of a running relay's SQLite database.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copies the relay's SQLite database into a new file, while the relay runs.",
        discussion: """
            SQLite's online backup: one consistent copy, pushes going on meanwhile. For PostgreSQL use \\
            pg_dump (README, "Backup and restore").
            """)

    @Option(help: "Data folder of the relay. Env: HUISCLOS_DATA.")
    var data: String?
    @Option(help: "The backup file to create (never overwritten).")
    var to: String
    @Option(help: "A council hosted beside the default one (huisclos-server councils list). Default: the default council.")
    var council: String?

    func run() throws {
        let folder = try dataFolder(data, council: council)
        let bytes = try SQLiteBackup.backup(folder: folder, to: URL(fileURLWithPath: to))
        print("huisclos-server backup: \(to) (\(bytes) bytes)")
    }
}

/// `huisclos-server restore`: puts a backup in place of a stopped relay's SQLite database.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replaces the stopped relay's SQLite database with a backup.",
        discussion: """
            Stop the relay first. The backup is checked (integrity, a schema this version knows, and that it \\
            is this council's: its recorded identifier and UUID) before anything changes. Devices push back \\
            what the backup lacks when they next sync. For PostgreSQL use pg_restore (README, "Backup and restore").
            """)

    @Option(help: "Data folder of the relay. Env: HUISCLOS_DATA.")
    var data: String?
    @Option(help: "The backup file to restore.")
    var from: String
    @Option(help: "A council hosted beside the default one (huisclos-server councils list). Default: the default council.")
    var council: String?
    @Flag(help: "Restore even a backup recording another council (or none), giving it this council's identity.")
    var force = false

    func run() throws {
        let folder = try dataFolder(data, council: council)
        try SQLiteBackup.restore(from: URL(fileURLWithPath: from), folder: folder, council: try council.map { try CouncilID($0) },
                                 relayFolder: try dataFolder(data), force: force)
        print("huisclos-server restore: \(from) restored into \(folder.path)")
    }
}

/// The data folder from `--data` or `HUISCLOS_DATA`; with `council`, that hosted council's folder in it.
func dataFolder(_ flag: String?, council: String? = nil) throws -> URL {
    guard let path = flag ?? ProcessInfo.processInfo.environment["HUISCLOS_DATA"] else {
        throw ValidationError("give the data folder: --data PATH or HUISCLOS_DATA")
    }
    let folder = URL(fileURLWithPath: path)
    guard let council else { return folder }
    let id = try CouncilID(council)
    let directory = CouncilDirectory(dataFolder: folder)
    guard try directory.councils().contains(id) else {
        throw ValidationError("no council \(id) in \(path): see huisclos-server councils list --data \(path)")
    }
    return directory.folder(of: id)
}
