public import Foundation
import Synchronization
public import GRDB
public import HuisClosCrypto
import HuisClosL10n

/// A member's encrypted local replica: a GRDB `DatabaseQueue` whose every page, in the database
/// file and in its WAL, is encrypted by the HuisClos VFS under a random key, itself wrapped by
/// the member's passphrase (Argon2id) in a key file beside the database.
///
/// ```swift
/// let replica = try Replica.create(at: folder, passphrase: passphrase, limits: .moderate)
/// try replica.database.write { db in try db.execute(sql: "CREATE TABLE note(body TEXT)") }
/// try replica.close()
/// let again = try Replica.open(at: folder, passphrase: passphrase)
/// ```
///
/// A folder holds one replica: `replica.db`, `replica.db-wal` while open, and `replica.key`.
/// Use `replica.database` for all SQL (indexes and FTS5 included); its connection is exclusive
/// (one process, no `-shm` file), in WAL mode, with `temp_store=MEMORY`. Errors it throws are
/// GRDB `DatabaseError`s; `ReplicaError(classifying:)` turns a failed page authentication into
/// `.tampered`. What is and is not protected is described in SECURITY.md.
public final class Replica: Sendable {
    /// The replica's folder.
    public let folder: URL
    /// The connection, ready for SQL (indexes, FTS5, `VACUUM`). Do not change `locking_mode`,
    /// `journal_mode` or `temp_store`: the VFS refuses the files other settings would need, and
    /// it refuses `ATTACH` and `VACUUM INTO` of other files, which would have no key. After
    /// `close()` it throws `.closed`: GRDB would hand SQLite a closed connection, which Debian's
    /// SQLite (built without `SQLITE_ENABLE_API_ARMOR`) dereferences and crashes on. A use already
    /// past this check when another thread closes the replica is not covered: close it only once
    /// nothing uses it.
    public var database: DatabaseQueue {
        get throws(ReplicaError) {
            guard !closed.withLock({ $0 }) else { throw ReplicaError(.closed, Text(fr: "la réplique a été fermée : ouvrez-la de nouveau (Replica.open)",
                en: "the replica was closed; open it again with Replica.open")) }
            return queue
        }
    }
    private let queue: DatabaseQueue
    /// Set by `close()` before the connection closes.
    private let closed = Mutex(false)
    let files: ReplicaFiles
    let lock: FolderLock

    private init(files: ReplicaFiles, database: DatabaseQueue, lock: FolderLock) {
        self.folder = files.folder
        self.files = files
        self.queue = database
        self.lock = lock
    }

    /// Creates a new, empty replica in `folder` (created if missing, mode 0700), protected by
    /// `passphrase` with Argon2id `limits` (`.moderate` for members' devices).
    ///
    /// Throws `.alreadyExists` if the folder already holds replica files, `.invalidPassphrase`
    /// for a passphrase shorter than `ReplicaLimits.passphraseCharactersMin`.
    public static func create(at folder: URL, passphrase: String,
                              limits: PasswordKey.Limits = .moderate) throws(ReplicaError) -> Replica {
        try checkStrength(ofNew: passphrase)
        let files = ReplicaFiles(folder: folder)
        do {
            try FileManager.default.createDirectory(at: files.folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            // A folder that existed keeps its mode otherwise: the replica's is its owner's alone.
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: files.folder.path)
        } catch {
            throw ReplicaError(.storageFailed, Text(fr: "impossible de créer \(files.folder.path) : vérifiez les droits et la place libre",
                en: "cannot create \(files.folder.path): \(error.localizedDescription)"))
        }
        let lock = try FolderLock(folder: files.folder)
        if let existing = files.all.first(where: ReplicaFiles.exists) {
            throw ReplicaError(.alreadyExists, Text(fr: "\(existing.path) existe : ouvrez cette réplique, ou détruisez-la d'abord",
                                                    en: "\(existing.path) exists; open that replica, or destroy it first"))
        }
        do throws(ReplicaError) {
            let key: SecureBytes
            let databaseID: [UInt8]
            do throws(CryptoError) {
                key = try SecureBytes.random(count: ReplicaLimits.keyBytes)
                databaseID = try Sodium.randomBytes(ReplicaLimits.databaseIDBytes)
            } catch {
                throw ReplicaError(crypto: error)
            }
            let keyFile = try KeyFile.wrap(key: key, databaseID: databaseID, passphrase: passphrase, limits: limits)
            try DurableFile.replace(files.key, with: keyFile.encoded(), via: files.keyReplacement)
            // Made empty and the owner's alone before SQLite opens it: SQLite would make it 0644, and
            // gives the WAL the database file's mode.
            guard FileManager.default.createFile(atPath: files.database.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw ReplicaError(.storageFailed, Text(fr: "impossible de créer \(files.database.path) : vérifiez les droits et la place libre",
                                                        en: "cannot create \(files.database.path): check the permissions and free space"))
            }
            let database = try ReplicaConnection.open(files, key: key, databaseID: databaseID, creating: true)
            return Replica(files: files, database: database, lock: lock)
        } catch {
            for file in files.all { try? DurableFile.remove(file) }  // leave no half-made replica
            throw error
        }
    }

    /// Whether `folder` holds a replica (its key file or its database), whatever state it is in.
    public static func isPresent(in folder: URL) -> Bool {
        let files = ReplicaFiles(folder: folder)
        return ReplicaFiles.exists(files.key) || ReplicaFiles.exists(files.database)
    }

    /// Opens the replica in `folder` with `passphrase`.
    ///
    /// The key file is checked first: a wrong passphrase throws `.wrongPassphrase` before any
    /// database file is touched. A database that fails authentication throws `.tampered`.
    public static func open(at folder: URL, passphrase: String) throws(ReplicaError) -> Replica {
        let files = ReplicaFiles(folder: folder)
        guard ReplicaFiles.exists(files.key) else {
            throw ReplicaError(.notFound, Text(fr: "aucun fichier de clé de réplique dans \(files.folder.path) : créez la réplique ou vérifiez le dossier",
                                               en: "no replica key file in \(files.folder.path); create the replica or check the folder"))
        }
        let lock = try FolderLock(folder: files.folder)
        files.restrictToOwner()
        let keyFile = try KeyFile.decode(DurableFile.read(files.key, maximumBytes: ReplicaLimits.keyFileBytes))
        let key = try keyFile.unwrap(passphrase: passphrase)
        try checkDatabaseFile(files)
        let database = try ReplicaConnection.open(files, key: key, databaseID: keyFile.databaseID, creating: false)
        return Replica(files: files, database: database, lock: lock)
    }

    /// Closes the connection (SQLite checkpoints the WAL into the database and deletes it; the
    /// VFS zeroes and frees its copy of the key) and releases the folder. Harmless if repeated.
    public func close() throws(ReplicaError) {
        closed.withLock { $0 = true }
        do {
            try queue.close()
        } catch {
            closed.withLock { $0 = false }  // GRDB: a close that throws leaves the connection open
            throw ReplicaError(classifying: error)
        }
        lock.release()
    }

    /// Refuses a database file that is missing or cut mid-page, with a clearer message than the
    /// authentication failure that would follow. It only `stat`s the file: opening and closing a
    /// database file outside SQLite would drop SQLite's POSIX locks on it in this process. A
    /// database belonging to another key file fails on page 1's id inside the VFS.
    private static func checkDatabaseFile(_ files: ReplicaFiles) throws(ReplicaError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: files.database.path)[.size] as? Int) ?? 0
        guard size > 0, size % ReplicaLimits.pageBytes == 0 else {
            let name = files.database.lastPathComponent
            throw ReplicaError(.tampered, Text(
                fr: "\(name) manque ou est tronqué (\(size) octets, pas un nombre entier de pages de \(ReplicaLimits.pageBytes) octets) : "
                    + "détruisez cette réplique et resynchronisez",
                en: "\(name) is missing or truncated (\(size) bytes, not whole \(ReplicaLimits.pageBytes)-byte pages); "
                    + "destroy this replica and resynchronise"))
        }
    }
}
