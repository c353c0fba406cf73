public import Foundation

extension Replica {
    /// Cryptographically erases the replica in `folder`: overwrites the key file with random
    /// bytes, fsyncs and deletes it (without the wrapped key the pages are unreadable noise), then
    /// deletes the database files, and the folder if nothing else is in it.
    ///
    /// The replica must be closed: throws `.inUse` while any `Replica` has it open, `.notFound`
    /// if the folder does not exist. On flash storage the overwrite is best effort (the device may
    /// keep old blocks); the key file's copy there is still wrapped under the passphrase.
    public static func destroy(at folder: URL) throws(ReplicaError) {
        let files = ReplicaFiles(folder: folder)
        let lock = try FolderLock(folder: files.folder)
        defer { lock.release() }
        try DurableFile.overwriteAndRemove(files.key)
        try DurableFile.overwriteAndRemove(files.keyReplacement)
        for file in [files.database, files.wal, files.journal] {
            try DurableFile.remove(file)
        }
        let rest = (try? FileManager.default.contentsOfDirectory(atPath: files.folder.path)) ?? ["?"]
        if rest.isEmpty { try? FileManager.default.removeItem(at: files.folder) }
    }
}
