import Foundation
import GRDB

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
            throw StorageError(.unavailable, "no relay database at \(source): give the relay's data folder (--data)")
        }
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw StorageError(.unavailable, "\(file.path) exists: give a new file name (a backup never overwrites a file)")
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
            throw StorageError(.unavailable, "backing up \(source) into \(file.path) failed: \(error); nothing was kept")
        }
        return (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int64) ?? 0
    }

    /// Replaces the database in `folder` with the backup `file`, after checking it is a relay
    /// database that passes SQLite's integrity check and that this binary knows its schema. The
    /// relay must be stopped: a relay running on `relayFolder` (its data folder, which holds
    /// `folder` for a hosted council; `RelayDataLock`) makes it refuse. A bad file changes nothing.
    public static func restore(from file: URL, folder: URL, relayFolder: URL? = nil) throws(StorageError) {
        let lock = try RelayDataLock(folder: relayFolder ?? folder, purpose: "restore a backup into it")
        defer { withExtendedLifetime(lock) {} }
        try check(file)
        let target = folder.appendingPathComponent(SQLiteServerStorage.fileName)
        let staging = folder.appendingPathComponent(SQLiteServerStorage.fileName + ".restoring")
        do {
            try? FileManager.default.removeItem(at: staging)
            try SQLiteServerStorage.createPrivately(folder: folder, database: staging.path)
            let source = try DatabaseQueue(path: file.path, configuration: readOnly)
            let destination = try DatabaseQueue(path: staging.path)
            try source.backup(to: destination)
            try destination.close()
            try source.close()
            // The old WAL belongs to the old file: left beside the new one, SQLite would replay it.
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target.path + suffix) }
            guard rename(staging.path, target.path) == 0 else {
                throw StorageError(.unavailable, "cannot move the restored database into place (errno \(errno))")
            }
        } catch {
            try? FileManager.default.removeItem(at: staging)
            throw StorageError(.unavailable, "restoring \(file.path) into \(folder.path) failed: \(error); check the folder's permissions")
        }
        // Brings the restored copy to this binary's schema now, so a failure shows here, not at start.
        _ = try SQLiteServerStorage(folder: folder)
    }

    private static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        return configuration
    }

    /// Throws unless `file` is an intact relay database whose migrations this binary knows.
    private static func check(_ file: URL) throws(StorageError) {
        let verdict: String?
        do {
            let queue = try DatabaseQueue(path: file.path, configuration: readOnly)
            defer { try? queue.close() }
            verdict = try queue.read { db -> String? in
                let integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "?"
                guard integrity == "ok" else { return "it fails SQLite's integrity check (\(integrity))" }
                let migrator = SQLiteServerStorage.migrator
                guard try db.tableExists("grdb_migrations"), try db.tableExists("scope_log") else {
                    return "it is not a relay database (no relay tables)"
                }
                if try migrator.hasBeenSuperseded(db) {
                    return "a newer huisclos-server wrote it: restore it with that version or newer"
                }
                return nil
            }
        } catch {
            throw StorageError(.corrupt, "\(file.path) cannot be read as a SQLite database (\(error)); nothing was changed")
        }
        if let verdict { throw StorageError(.corrupt, "\(file.path) cannot be restored: \(verdict); nothing was changed") }
    }
}
