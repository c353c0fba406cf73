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

    /// Closes the folder and every file of the replica to anyone but their owner (a replica made
    /// before they were created so, or whose modes were loosened since); best effort: a file this
    /// process may not change is left as it is.
    func restrictToOwner() {
        try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        for file in all where Self.exists(file) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
    }
}
