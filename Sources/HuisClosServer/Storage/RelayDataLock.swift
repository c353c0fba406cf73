public import Foundation
public import HuisClosL10n
#if canImport(Glibc)
import Glibc
#endif

/// The lock a running relay holds on its data folder (`<data>/huisclos-server.lock`, `flock`),
/// so that `restore` refuses to replace a database under a running relay, and a second relay
/// process refuses to serve the same SQLite data.
///
/// The kernel releases it when the process ends, however it ends: a crashed relay leaves no stale
/// lock behind.
public final class RelayDataLock: Sendable {
    /// The lock file's name inside the data folder.
    public static let fileName = "huisclos-server.lock"
    private let descriptor: Int32

    /// Takes the lock on `folder` (creating the 0600 lock file if needed), or throws
    /// `.unavailable` naming what holds it.
    public init(folder: URL, purpose: Text) throws(StorageError) {
        let path = folder.appendingPathComponent(Self.fileName).path
        if !FileManager.default.fileExists(atPath: folder.path) {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw StorageError(.unavailable, Text(fr: "impossible d'ouvrir \(path) (errno \(errno)) : vérifiez les droits du dossier de données",
                                             en: "cannot open \(path) (errno \(errno)): check the data folder's permissions"))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw StorageError(.unavailable, Text(
                fr: "un huisclos-server tourne sur \(folder.path) (il tient \(path)) : arrêtez-le (systemctl stop huisclos-server) avant, pour \(purpose.french)",
                en: "a huisclos-server is running on \(folder.path) (it holds \(path)): stop it (systemctl stop huisclos-server) before you \(purpose.english)"))
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }
}
