import Foundation
import HuisClosL10n
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a replica's folder, held while a `Replica` is open (and while
/// `destroy` runs), so one folder is never used by two replicas at once, in one process or many.
///
/// SQLite's own exclusive lock is taken only at the first read; the folder lock fails fast and
/// with a clear error instead, and it also covers the key file, which SQLite knows nothing of.
/// The kernel drops the lock when the process dies, so a crash never leaves it stale.
final class FolderLock: @unchecked Sendable {
    // @unchecked Sendable is safe: `descriptor`, the only mutable state, is read and written
    // only while `mutex` is held (see `serialized` and `release`).
    private let mutex = NSLock()
    private var descriptor: Int32?

    /// Takes the lock; `.inUse` if another holder has it, `.notFound` if the folder is missing.
    init(folder: URL) throws(ReplicaError) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ReplicaError(.notFound, Text(fr: "aucun dossier de réplique en \(folder.path) : créez d'abord la réplique (huisclos enrol) ou vérifiez le dossier",
                                                en: "there is no replica folder at \(folder.path); create the replica first"))
        }
        var attempts = 1
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            if reason == EWOULDBLOCK, attempts < Self.contentionAttempts {
                attempts += 1
                usleep(Self.contentionPauseMicroseconds)
                continue
            }
            close(fd)
            if reason == EWOULDBLOCK {
                throw ReplicaError(.inUse, Text(fr: "la réplique de \(folder.path) est ouverte ailleurs (une autre commande huisclos, ou sync --watch) : fermez-la d'abord",
                                                      en: "the replica at \(folder.path) is open elsewhere; close it there first"))
            }
            throw ReplicaError(.storageFailed, Text(fr: "impossible de verrouiller \(folder.path) (errno \(reason)) : vérifiez les droits du dossier",
                en: "cannot lock \(folder.path): \(String(cString: strerror(reason)))"))
        }
        descriptor = fd
    }

    /// How often a held lock is tried again before `.inUse`, and the pause between tries
    /// (10 × 25 ms = at most 0.25 s): a lock just released in this process can stay held for a
    /// moment by a child process this process is spawning (it shares the descriptor between its
    /// fork and its exec), which showed as rare "open elsewhere" failures in parallel tests.
    static let contentionAttempts = 10
    static let contentionPauseMicroseconds: UInt32 = 25_000

    /// Runs `body` while holding the mutex, if the lock is still held; `.closed` otherwise.
    func serialized<T>(_ body: () throws(ReplicaError) -> T) throws(ReplicaError) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        guard descriptor != nil else {
            throw ReplicaError(.closed, Text(fr: "la réplique a été fermée : ouvrez-la de nouveau (Replica.open)",
                en: "the replica was closed; open it again with Replica.open"))
        }
        return try body()
    }

    /// Releases the lock; harmless if already released.
    func release() {
        mutex.lock()
        defer { mutex.unlock() }
        if let fd = descriptor {
            close(fd)  // closing the descriptor releases the flock
            descriptor = nil
        }
    }

    deinit { release() }
}
