import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A new file for plaintext a person asked to take out of the encrypted device (`--sortie`, the
/// annual report, a root backup): created in one `open` with `O_CREAT | O_EXCL | O_NOFOLLOW`,
/// mode 0600. It never follows a symbolic link planted at the path and never truncates or
/// reuses an existing file (another user's, or one already shared more widely): the path must
/// not exist yet.
public enum PlaintextFile {
    /// Creates `path` (which must not exist) readable and writable by its owner only, and returns
    /// a handle that writes to it and closes it when released.
    public static func create(atPath path: String) throws(PlaintextFileError) -> FileHandle {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PlaintextFileError(path: path, errno: errno) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Creates `path` as `create` does and writes `bytes` to it, flushed to disk.
    public static func write(_ bytes: Data, toPath path: String) throws(PlaintextFileError) {
        let handle = try create(atPath: path)
        do {
            try handle.write(contentsOf: bytes)
            try handle.synchronize()
            try handle.close()
        } catch {
            throw PlaintextFileError(path: path, errno: EIO)
        }
    }
}

/// A plaintext output file could not be created or written: it exists already, is a symbolic
/// link, or the folder refuses it.
public struct PlaintextFileError: Error, Sendable, CustomStringConvertible {
    /// The path asked for.
    public let path: String
    /// The `errno` of the failure (`EEXIST` when the path exists).
    public let errno: Int32

    public var description: String {
        if errno == EEXIST || errno == ELOOP {
            return "\(path) exists already (or is a symbolic link): choose a new file name; nothing was written"
        }
        return "cannot create \(path): \(String(cString: strerror(errno))); check the folder and its permissions"
    }
}
