import Foundation

/// The files of a replica inside its folder. SQLite names the WAL after the database; the VFS
/// refuses the rollback journal, but its name is listed so `destroy` removes any stray copy.
struct ReplicaFiles: Sendable {
    let folder: URL
    var database: URL { folder.appendingPathComponent("replica.db") }
    var wal: URL { folder.appendingPathComponent("replica.db-wal") }
    var journal: URL { folder.appendingPathComponent("replica.db-journal") }
    var key: URL { folder.appendingPathComponent("replica.key") }
    /// Where a new key file is written before it atomically replaces `key`.
    var keyReplacement: URL { folder.appendingPathComponent("replica.key.new") }

    init(folder: URL) {
        self.folder = folder.standardizedFileURL
    }

    /// Every file a replica may leave in its folder, key file first.
    var all: [URL] { [key, keyReplacement, database, wal, journal] }

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}
