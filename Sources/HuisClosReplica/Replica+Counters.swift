import CHuisClosVFS
import CSQLite
import GRDB
import HuisClosL10n

/// Page operations the encrypting VFS performed on one open replica, for benchmarks and
/// diagnostics (they show what the performance levers did; they reveal nothing about content).
public struct EncryptionCounters: Sendable, Equatable {
    /// Pages encrypted (sealed) and written, to the WAL or the database.
    public let sealed: Int
    /// Pages read from disk and decrypted (opened).
    public let opened: Int
    /// Pages a checkpoint copied from the WAL to the database as already-sealed bytes,
    /// without decrypting or encrypting them again.
    public let reused: Int
    /// WAL page reads served from the frame cache instead of being decrypted.
    public let cached: Int
}

extension Replica {
    /// The VFS's counters for this replica's connection since it was opened.
    public func encryptionCounters() throws(ReplicaError) -> EncryptionCounters {
        do {
            return try database.inDatabase { db in
                var counters = hc_vfs_counters()
                let rc = hc_vfs_read_counters(db.sqliteConnection, &counters)
                guard rc == SQLITE_OK else {
                    throw ReplicaError(.storageFailed, Text(fr: "le VFS n'a pas donné ses compteurs (code SQLite \(rc))",
                        en: "the VFS did not report its counters (SQLite code \(rc))"))
                }
                return EncryptionCounters(sealed: Int(counters.sealed), opened: Int(counters.opened),
                                          reused: Int(counters.reused), cached: Int(counters.cached))
            }
        } catch {
            throw ReplicaError(classifying: error)
        }
    }
}
