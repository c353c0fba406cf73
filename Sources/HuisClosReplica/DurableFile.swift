import Foundation
import HuisClosCrypto
import HuisClosL10n
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small file operations that survive a crash: whole-file replacement (write a temporary file,
/// fsync it, rename it over the target, fsync the directory) and overwrite-then-delete.
enum DurableFile {
    /// Reads a whole file of at most `maximumBytes` bytes.
    static func read(_ url: URL, maximumBytes: Int) throws(ReplicaError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ReplicaError(.notFound, Text(fr: "impossible de lire \(url.lastPathComponent) dans \(url.deletingLastPathComponent().path) : vérifiez le dossier",
                                               en: "cannot read \(url.lastPathComponent) in \(url.deletingLastPathComponent().path); check the folder"))
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
            return [UInt8](data)
        } catch {
            throw ReplicaError(.storageFailed, Text(fr: "impossible de lire \(url.lastPathComponent) : vérifiez les droits du dossier de l'appareil",
                en: "cannot read \(url.lastPathComponent): \(error.localizedDescription)"))
        }
    }

    /// Atomically replaces (or creates) `target` with `bytes`, mode 0600, via `temporary`.
    static func replace(_ target: URL, with bytes: [UInt8], via temporary: URL) throws(ReplicaError) {
        do throws(ReplicaError) {
            try writeDurably(bytes, to: temporary, truncating: true)
            guard rename(temporary.path, target.path) == 0 else { throw posixError("rename", temporary) }
            try syncDirectory(of: target)
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// Overwrites `url` with random bytes of the same length, fsyncs, then unlinks it: a
    /// best-effort erase (flash translation layers and copy-on-write file systems may keep the
    /// old blocks; the wrap under the passphrase still protects those).
    static func overwriteAndRemove(_ url: URL) throws(ReplicaError) {
        guard ReplicaFiles.exists(url) else { return }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        if size > 0 {
            let noise: [UInt8]
            do throws(CryptoError) { noise = try Sodium.randomBytes(size) } catch { throw ReplicaError(crypto: error) }
            try writeDurably(noise, to: url, truncating: false)  // same blocks, not new ones
        }
        try remove(url)
    }

    /// Unlinks `url` if it exists and fsyncs its directory.
    static func remove(_ url: URL) throws(ReplicaError) {
        guard unlink(url.path) == 0 || errno == ENOENT else { throw posixError("unlink", url) }
        try syncDirectory(of: url)
    }

    private static func writeDurably(_ bytes: [UInt8], to url: URL, truncating: Bool) throws(ReplicaError) {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_CLOEXEC | (truncating ? O_TRUNC : 0), 0o600)
        guard fd >= 0 else { throw posixError("open", url) }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, bytes.count - written) }
            guard n > 0 else { throw posixError("write", url) }
            written += n
        }
        guard fsync(fd) == 0 else { throw posixError("fsync", url) }
    }

    private static func syncDirectory(of url: URL) throws(ReplicaError) {
        let folder = url.deletingLastPathComponent()
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw posixError("open", folder) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw posixError("fsync", folder) }
    }

    private static func posixError(_ call: String, _ url: URL) -> ReplicaError {
        ReplicaError(.storageFailed, Text(fr: "\(call) a échoué sur \(url.path) (errno \(errno)) : vérifiez la place libre et les droits",
            en: "\(call) failed on \(url.path): \(String(cString: strerror(errno))); check disk space and permissions"))
    }
}
