public import Foundation
public import HuisClosL10n
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

    /// Creates the folder `path` (which must not exist: never one already shared more widely),
    /// readable by its owner only, for plaintext files written into it (a SEDA transfer package).
    public static func createFolder(atPath path: String) throws(PlaintextFileError) {
        guard mkdir(path, 0o700) == 0 else { throw PlaintextFileError(path: path, errno: errno) }
    }

    /// Refuses, naming it, a file a person hands in (a dossier, an appointments file) that does not
    /// exist, is not a regular file, or cannot be read.
    public static func requireReadable(atPath path: String) throws(PlaintextFileError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw PlaintextFileError(path: path, errno: errno, reading: true) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw PlaintextFileError(path: path, errno: EISDIR, reading: true) }
        guard access(path, R_OK) == 0 else { throw PlaintextFileError(path: path, errno: errno, reading: true) }
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
public struct PlaintextFileError: HuisClosError, CustomStringConvertible {
    /// The two ways creating the file fails, and the way reading one fails.
    public enum Code: String, ErrorCode {
        /// The path exists already, or is a symbolic link.
        case exists
        /// The folder refuses the file, or writing it failed.
        case cannotCreate
        /// A file handed in is missing, not a regular file, or unreadable.
        case cannotRead

        public static let domain = "file"

        public var text: Text {
            switch self {
            case .exists:
                Text(fr: "ce fichier existe déjà (ou est un lien symbolique) : choisissez un nouveau nom ; rien n'a été écrit",
                     en: "this file exists already (or is a symbolic link): choose a new file name; nothing was written")
            case .cannotCreate:
                Text(fr: "le fichier ne peut pas être créé ou écrit : vérifiez le dossier, sa place libre et ses droits",
                     en: "the file cannot be created or written: check the folder, its free space and its permissions")
            case .cannotRead:
                Text(fr: "le fichier donné est introuvable ou illisible : vérifiez son chemin et ses droits ; rien n'a été écrit",
                     en: "the file given is missing or unreadable: check its path and permissions; nothing was written")
            }
        }

        public var exitStatus: ExitStatus { .localIO }
    }

    /// The path asked for.
    public let path: String
    /// The `errno` of the failure (`EEXIST` when the path exists).
    public let errno: Int32
    /// Whether the file was to be read (handed in) rather than created.
    public let reading: Bool

    public init(path: String, errno: Int32, reading: Bool = false) {
        (self.path, self.errno, self.reading) = (path, errno, reading)
    }

    public var code: Code { reading ? .cannotRead : errno == EEXIST || errno == ELOOP ? .exists : .cannotCreate }

    /// The system's reason in French words (`strerror` speaks English only).
    static func frenchCause(_ errno: Int32) -> String {
        switch errno {
        case ENOENT: "son dossier n'existe pas"
        case EACCES, EPERM: "droits insuffisants"
        case ENOSPC: "plus de place sur le disque"
        case EROFS: "support en lecture seule"
        case ENOTDIR: "un élément du chemin n'est pas un dossier"
        default: "erreur système \(errno)"
        }
    }

    public var text: Text {
        switch code {
        case .exists:
            Text(fr: "\(path) existe déjà (ou est un lien symbolique) : choisissez un nouveau nom ; rien n'a été écrit",
                 en: "\(path) exists already (or is a symbolic link): choose a new file name; nothing was written")
        case .cannotCreate:
            Text(fr: "impossible de créer \(path) (\(Self.frenchCause(errno))) : vérifiez le dossier, sa place libre et ses droits",
                 en: "cannot create \(path): \(String(cString: strerror(errno))); check the folder and its permissions")
        case .cannotRead where errno == ENOENT:
            Text(fr: "fichier introuvable : \(path) ; vérifiez le chemin ; rien n'a été écrit",
                 en: "file not found: \(path); check the path; nothing was written")
        case .cannotRead where errno == EISDIR:
            Text(fr: "\(path) n'est pas un fichier (un dossier ?) : donnez le chemin d'un fichier ; rien n'a été écrit",
                 en: "\(path) is not a file (a folder?): give a file's path; nothing was written")
        case .cannotRead:
            Text(fr: "\(path) ne peut pas être lu (\(Self.frenchCause(errno))) : vérifiez ses droits ; rien n'a été écrit",
                 en: "cannot read \(path): \(String(cString: strerror(errno))); check its permissions; nothing was written")
        }
    }
}
