import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosServer

/// `huisclos-server backup`: a consistent copy of a running relay's SQLite database.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copie la base SQLite du relais dans un nouveau fichier, relais en marche / copies the relay's SQLite database into a new file while the relay runs.",
        discussion: """
            Sauvegarde en ligne de SQLite : une copie cohérente, les envois continuent pendant ce temps. Avec \
            PostgreSQL, utilisez pg_dump (README, « Backup and restore »).
            SQLite's online backup: one consistent copy while pushes go on. For PostgreSQL use pg_dump \
            (README, "Backup and restore").
            Exemple / example : huisclos-server backup --data /var/lib/huisclos --to /srv/sauvegardes/huisclos-2026-12-06.sqlite
            """)

    @Option(help: .dataFolder)
    var data: String?
    @Option(help: "Le fichier de sauvegarde à créer (jamais écrasé) / the backup file to create (never overwritten).")
    var to: String
    @Option(help: .council)
    var council: String?

    func run() throws {
        let folder = try dataFolder(data, council: council)
        let bytes = try SQLiteBackup.backup(folder: folder, to: URL(fileURLWithPath: to))
        say(.backupWritten(to: to, bytes: bytes))
    }
}

/// `huisclos-server restore`: puts a backup in place of a stopped relay's SQLite database.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remplace la base SQLite du relais arrêté par une sauvegarde / replaces the stopped relay's SQLite database with a backup.",
        discussion: """
            Arrêtez d'abord le relais. La sauvegarde est vérifiée (intégrité, schéma connu de cette version, et \
            qu'elle est bien celle de ce conseil : identifiant et UUID enregistrés) avant tout changement. Les \
            appareils renvoient ce qui manque à la sauvegarde à leur prochaine synchronisation. Avec PostgreSQL, \
            utilisez pg_restore (README, « Backup and restore »).
            Stop the relay first. The backup is checked (integrity, a schema this version knows, and that it is \
            this council's: its recorded identifier and UUID) before anything changes. Devices push back what the \
            backup lacks when they next sync. For PostgreSQL use pg_restore (README, "Backup and restore").
            Exemple / example : huisclos-server restore --data /var/lib/huisclos --from /srv/sauvegardes/huisclos-2026-12-06.sqlite
            """)

    @Option(help: .dataFolder)
    var data: String?
    @Option(help: "La sauvegarde à restaurer / the backup file to restore.")
    var from: String
    @Option(help: .council)
    var council: String?
    @Flag(
        help:
            "Restaure même une sauvegarde d'un autre conseil (ou sans identité), en lui donnant celle de ce conseil / restores even a backup recording another council (or none), giving it this council's identity."
    )
    var force = false

    func run() throws {
        let folder = try dataFolder(data, council: council)
        try SQLiteBackup.restore(
            from: URL(fileURLWithPath: from), folder: folder, council: try council.map { try CouncilID($0) },
            relayFolder: try dataFolder(data), force: force)
        say(.backupRestored(from: from, into: folder.path))
    }
}

/// The data folder from `--data` or `HUISCLOS_DATA`; with `council`, that hosted council's folder in it.
func dataFolder(_ flag: String?, council: String? = nil) throws -> URL {
    guard let path = flag ?? ProcessInfo.processInfo.environment["HUISCLOS_DATA"], !path.isEmpty else {
        throw OperatorError(.noDataFolder)
    }
    let folder = URL(fileURLWithPath: path)
    guard let council else { return folder }
    let id = try CouncilID(council)
    let directory = CouncilDirectory(dataFolder: folder)
    guard try directory.councils().contains(id) else {
        throw OperatorError(
            .unknownCouncil,
            Text(
                fr: "aucun conseil \(id) dans \(path) : voyez huisclos-server councils list --data \(path)",
                en: "no council \(id) in \(path): see huisclos-server councils list --data \(path)"))
    }
    return directory.folder(of: id)
}
