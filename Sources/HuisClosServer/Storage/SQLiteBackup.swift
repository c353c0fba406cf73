public import Foundation
import GRDB
import HuisClosL10n

/// Backup and restore of the embedded SQLite relay database (`huisclos-server backup` and
/// `restore`). A PostgreSQL deployment uses `pg_dump`/`pg_restore` instead (README, "Backup").
///
/// A backup is taken while the relay runs, with SQLite's online backup API: one consistent copy
/// as of one instant, pushes going on meanwhile (WAL). A restore replaces the database of a
/// stopped relay, and only with a file this binary can read; devices then push back what the
/// copy lacks (a restored relay is older than the devices).
public enum SQLiteBackup {
    /// Copies the database in `folder` into `file`, a new file (created 0600; an existing one is
    /// refused, never overwritten). Returns the bytes written.
    @discardableResult
    public static func backup(folder: URL, to file: URL) throws(StorageError) -> Int64 {
        let source = folder.appendingPathComponent(SQLiteServerStorage.fileName).path
        guard FileManager.default.fileExists(atPath: source) else {
            throw StorageError(.unavailable, Text(fr: "aucune base de relais dans \(source) : donnez le dossier de données du relais (--data)",
                                             en: "no relay database at \(source): give the relay's data folder (--data)"))
        }
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw StorageError(.unavailable, Text(fr: "\(file.path) existe : donnez un nouveau nom de fichier (une sauvegarde n'écrase jamais un fichier)",
                                             en: "\(file.path) exists: give a new file name (a backup never overwrites a file)"))
        }
        do {
            try SQLiteServerStorage.createPrivately(folder: file.deletingLastPathComponent(), database: file.path)
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            let reader = try DatabaseQueue(path: source, configuration: configuration)
            let destination = try DatabaseQueue(path: file.path)
            try reader.backup(to: destination)
            try destination.close()
            try reader.close()
        } catch {
            try? FileManager.default.removeItem(at: file)
            throw StorageError(.unavailable, Text(fr: "la sauvegarde de \(source) dans \(file.path) a échoué ; rien n'a été gardé : vérifiez la place libre et les droits",
                                             en: "backing up \(source) into \(file.path) failed: \(error); nothing was kept"))
        }
        return (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
    }

    /// Replaces the database of `council` (nil: the default council) in `folder` with the backup
    /// `file`, after checking it is a relay database that passes SQLite's integrity check, that
    /// this binary knows its schema, and that it is that council's (`CouncilIdentity`: the same
    /// council, and the same UUID as the database it replaces). `force` skips the identity check
    /// and gives the restored copy the council's identity. The relay must be stopped: a relay
    /// running on `relayFolder` (its data folder, which holds `folder` for a hosted council;
    /// `RelayDataLock`) makes it refuse. A refused file changes nothing.
    public static func restore(from file: URL, folder: URL, council: CouncilID? = nil, relayFolder: URL? = nil,
                               force: Bool = false) throws(StorageError) {
        let lock = try RelayDataLock(folder: relayFolder ?? folder, purpose: Text(fr: "y restaurer une sauvegarde", en: "restore a backup into it"))
        defer { withExtendedLifetime(lock) {} }
        let restored = try check(file)
        let target = folder.appendingPathComponent(SQLiteServerStorage.fileName)
        // The database replaced may be damaged (the reason for a restore): then only the council is checked.
        let current = (try? identity(of: target)) ?? nil
        if !force { try requireSameCouncil(restored, file: file, council: council, current: current) }
        let staging = folder.appendingPathComponent(SQLiteServerStorage.fileName + ".restoring")
        do {
            try? FileManager.default.removeItem(at: staging)
            try SQLiteServerStorage.createPrivately(folder: folder, database: staging.path)
            let source = try DatabaseQueue(path: file.path, configuration: readOnly)
            let destination = try DatabaseQueue(path: staging.path)
            try source.backup(to: destination)
            if force {
                let identity = CouncilIdentity(council: council, uuid: current?.uuid ?? UUID())
                try destination.write { db in
                    try db.execute(sql: "DROP TABLE IF EXISTS \(CouncilIdentity.tableName)")
                    try db.execute(sql: "CREATE TABLE \(CouncilIdentity.tableName) (council TEXT NOT NULL, uuid TEXT NOT NULL)")
                    try db.execute(sql: "INSERT INTO \(CouncilIdentity.tableName) (council, uuid) VALUES (?, ?)",
                                   arguments: [identity.storedName, identity.uuid.uuidString])
                }
            }
            // Another incarnation: devices see it change and give back what the copy lacks.
            try destination.write { db in try StoredIncarnation.renew(db) }
            try destination.close()
            try source.close()
            // The old WAL belongs to the old file: left beside the new one, SQLite would replay it.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target.path + suffix) }
            guard rename(staging.path, target.path) == 0 else {
                throw StorageError(.unavailable, Text(fr: "impossible de mettre la base restaurée à sa place (errno \(errno))",
                                                      en: "cannot move the restored database into place (errno \(errno))"))
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw StorageError(.unavailable, Text(fr: "la restauration de \(file.path) dans \(folder.path) a échoué : vérifiez les droits du dossier",
                                             en: "restoring \(file.path) into \(folder.path) failed: \(error); check the folder's permissions"))
        }
        // Brings the restored copy to this binary's schema now, so a failure shows here, not at start.
        _ = try SQLiteServerStorage(folder: folder, council: council)
    }

    /// Throws `otherCouncil` unless the backup's identity `restored` is `council`'s and, when the
    /// database it replaces has an identity (`current`), the same incarnation of it.
    private static func requireSameCouncil(_ restored: CouncilIdentity?, file: URL, council: CouncilID?,
                                           current: CouncilIdentity?) throws(StorageError) {
        let name = council.map { "council \($0)" } ?? "the default council"
        let nameFR = council.map { "du conseil \($0)" } ?? "du conseil par défaut"
        guard let restored else {
            throw StorageError(.otherCouncil, Text(
                fr: "\(file.path) n'enregistre aucun conseil (une sauvegarde d'avant les identités de conseil) : rien n'a été changé ; "
                    + "si vous êtes sûr qu'elle est celle \(nameFR), restaurez-la de nouveau avec --force",
                en: "\(file.path) records no council (a backup taken before council identities): "
                    + "nothing was changed; if you are sure it is \(name)'s, restore it again with --force"))
        }
        try restored.require(council, database: file.path)
        if let current, current.uuid != restored.uuid {
            throw StorageError(.otherCouncil, Text(
                fr: "\(file.path) contient \(restored), un conseil plus ancien de cet identifiant que celui en place "
                    + "(\(current)) : rien n'a été changé ; si vous en êtes sûr, restaurez-la de nouveau avec --force",
                en: "\(file.path) holds \(restored), an earlier council of that identifier than the one "
                    + "in place (\(current)): nothing was changed; if you are sure, restore it again with --force"))
        }
    }

    /// The identity of the database at `path`; nil when there is none or it records none.
    private static func identity(of path: URL) throws -> CouncilIdentity? {
        guard FileManager.default.fileExists(atPath: path.path) else { return nil }
        let queue = try DatabaseQueue(path: path.path, configuration: readOnly)
        defer { try? queue.close() }
        return try queue.read { db in try SQLiteServerStorage.identity(in: db) }
    }

    private static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    /// Throws unless `file` is an intact relay database whose migrations this binary knows;
    /// returns the council identity it records (nil for a backup taken before identities).
    private static func check(_ file: URL) throws(StorageError) -> CouncilIdentity? {
        let verdict: Text?
        let identity: CouncilIdentity?
        do {
            let queue = try DatabaseQueue(path: file.path, configuration: readOnly)
            defer { try? queue.close() }
            identity = try queue.read { db in try SQLiteServerStorage.identity(in: db) }
            verdict = try queue.read { db -> Text? in
                let integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "?"
                guard integrity == "ok" else { return Text(fr: "elle échoue au contrôle d'intégrité de SQLite (\(integrity))",
                                                           en: "it fails SQLite's integrity check (\(integrity))") }
                let migrator = SQLiteServerStorage.migrator
                guard try db.tableExists("grdb_migrations"), try db.tableExists("scope_log") else {
                    return Text(fr: "ce n'est pas une base de relais (aucune table du relais)", en: "it is not a relay database (no relay tables)")
                }
                if try migrator.hasBeenSuperseded(db) {
                    return Text(fr: "un huisclos-server plus récent l'a écrite : restaurez-la avec cette version ou une plus récente",
                                en: "a newer huisclos-server wrote it: restore it with that version or newer")
                }
                return nil
            }
        } catch {
            throw StorageError(.corrupt, Text(fr: "\(file.path) ne se lit pas comme une base SQLite ; rien n'a changé",
                                         en: "\(file.path) cannot be read as a SQLite database (\(error)); nothing was changed"))
        }
        if let verdict { throw StorageError(.corrupt, Text(fr: "\(file.path) ne peut pas être restauré : \(verdict.french) ; rien n'a changé",
                                                                  en: "\(file.path) cannot be restored: \(verdict.english); nothing was changed")) }
        return identity
    }
}
