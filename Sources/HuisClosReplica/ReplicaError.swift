import GRDB
import HuisClosCrypto
public import HuisClosL10n

/// A failure to create, open, use or destroy a replica: what happened and what to do about it.
///
/// Messages never contain the passphrase, the key or row data. Errors thrown later by
/// `Replica.database` are GRDB `DatabaseError`s; `ReplicaError(classifying:)` maps them, so that a
/// page that failed authentication reads as `.tampered`.
public struct ReplicaError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, ErrorCode {
        /// No replica in this folder.
        case notFound
        /// `create` found a replica (or part of one) already in the folder.
        case alreadyExists
        /// Another `Replica` (in this or another process) has the folder open.
        case inUse
        /// The replica was closed; open it again.
        case closed
        /// The passphrase does not unlock the key file (or the key file was altered).
        case wrongPassphrase
        /// A newly chosen passphrase is not acceptable (shorter than
        /// `ReplicaLimits.passphraseCharactersMin` characters).
        case invalidPassphrase
        /// The key file is not a HuisClos key file, or has impossible parameters.
        case keyFileDamaged
        /// A page or file failed authentication: modified, truncated, moved or replaced.
        case tampered
        /// libsodium is unusable, or Argon2id could not get the memory its limits require.
        case cryptoUnavailable
        /// The file system or SQLite failed for a reason unrelated to encryption.
        case storageFailed

        public static let domain = "replica"

        public var text: Text {
            switch self {
            case .notFound:
                Text(fr: "aucune réplique dans ce dossier : vérifiez le dossier de l'appareil (--device ou HUISCLOS_DEVICE), ou enrôlez-le (huisclos enrol)",
                     en: "no replica in this folder: check the device folder (--device or HUISCLOS_DEVICE), or enrol it (huisclos enrol)")
            case .alreadyExists:
                Text(fr: "ce dossier contient déjà une réplique (ou une partie) : choisissez un autre dossier ; rien n'a été écrit",
                     en: "this folder already holds a replica (or part of one): choose another folder; nothing was written")
            case .inUse:
                Text(fr: "la réplique est ouverte par un autre programme (une autre commande huisclos, ou sync --watch) : fermez-le, puis réessayez",
                     en: "the replica is open in another program (another huisclos command, or sync --watch): close it, then try again")
            case .closed:
                Text(fr: "la réplique a été fermée : relancez la commande",
                     en: "the replica was closed: run the command again")
            case .wrongPassphrase:
                Text(fr: "phrase de passe incorrecte (ou fichier de clé modifié) : rien n'a changé ; réessayez avec la bonne phrase de passe",
                     en: "wrong passphrase (or the key file was altered): nothing changed; try again with the right passphrase")
            case .invalidPassphrase:
                Text(fr: "phrase de passe trop courte : choisissez-en une d'au moins \(ReplicaLimits.passphraseCharactersMin) caractères, par exemple quelques mots que vous seul associeriez.",
                     en: "passphrase too short: choose one of at least \(ReplicaLimits.passphraseCharactersMin) characters, for example a few words only you would put together.")
            case .keyFileDamaged:
                Text(fr: "le fichier de clé de cet appareil est endommagé ou n'en est pas un : détruisez le dossier de l'appareil et enrôlez-le de nouveau ; tout revient du serveur",
                     en: "this device's key file is damaged or is not one: destroy the device folder and enrol it again; everything comes back from the server")
            case .tampered:
                Text(fr: "une page de la réplique chiffrée de cet appareil ne s'authentifie pas (modifiée, tronquée ou endommagée) : ne vous fiez pas à cette copie. Détruisez le dossier de l'appareil et enrôlez-le de nouveau : tout revient du serveur.",
                     en: "a page of this device's encrypted replica fails authentication (modified, truncated or damaged): do not trust this copy. Destroy the device folder and enrol it again: everything comes back from the server.")
            case .cryptoUnavailable:
                Text(fr: "le chiffrement n'est pas disponible (libsodium absent, ou pas assez de mémoire pour dériver la clé) : libérez de la mémoire ou installez libsodium, puis réessayez",
                     en: "encryption is unavailable (libsodium missing, or not enough memory to derive the key): free some memory or install libsodium, then try again")
            case .storageFailed:
                Text(fr: "la réplique ne peut pas être lue ou écrite : vérifiez la place libre et les droits du dossier de l'appareil",
                     en: "the replica cannot be read or written: check the free space and the device folder's permissions")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .wrongPassphrase: .notAllowed
            case .invalidPassphrase: .usage
            case .notFound, .alreadyExists, .inUse, .closed, .keyFileDamaged, .tampered, .cryptoUnavailable, .storageFailed: .localIO
            }
        }
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// What happened and what to do, in both languages; never contains secrets.
    public let text: Text

    /// Makes an error from a code and a `text` in both languages.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}

extension ReplicaError {
    /// Classifies any error thrown while using a replica: a `ReplicaError` is returned as is; a
    /// GRDB `DatabaseError` whose SQLite code reports an authentication failure
    /// (`SQLITE_IOERR_AUTH`), corruption or a non-database file becomes `.tampered`; anything
    /// else becomes `.storageFailed`. Use it around `replica.database` calls to tell tampering
    /// apart from ordinary failures.
    public init(classifying error: any Error) {
        if let error = error as? ReplicaError {
            self = error
        } else if let error = error as? DatabaseError {
            self = ReplicaError(database: error)
        } else if let error = error as? CryptoError {
            self = ReplicaError(crypto: error)
        } else {
            self = ReplicaError(.storageFailed, Text(fr: "la réplique n'a pas pu servir (\(Text(explaining: error).french)) : vérifiez la place libre et les droits",
                                                     en: "the replica could not be used: \(error). Check disk space and permissions"))
        }
    }

    private init(database error: DatabaseError) {
        let code = error.extendedResultCode
        let primary = code.primaryResultCode
        let sqlite = "SQLite code \(code.rawValue)"
        if code == .SQLITE_IOERR_AUTH || primary == .SQLITE_CORRUPT || primary == .SQLITE_NOTADB {
            self.init(.tampered, Text(
                fr: "une page de la réplique ne s'authentifie pas ou le fichier est mal formé (\(sqlite)) : il a été "
                    + "modifié, tronqué, déplacé ou remplacé. Ne vous fiez pas à cette copie : détruisez-la et resynchronisez",
                en: "a page of the replica failed authentication or the file is malformed (\(sqlite)): it was "
                    + "modified, truncated, moved or replaced. Do not trust this copy: destroy it and resynchronise"))
        } else if primary == .SQLITE_CANTOPEN {
            self.init(.storageFailed, Text(
                fr: "SQLite n'a pas pu ouvrir un fichier (\(sqlite)) : les droits du dossier l'interdisent, ou le VFS de chiffrement "
                    + "l'a refusé (fichier temporaire ou journal, ou base attachée sans la clé de la réplique : gardez temp_store=MEMORY "
                    + "et journal_mode=WAL, et pas d'ATTACH ni de VACUUM INTO vers d'autres fichiers)",
                en: "SQLite could not open a file (\(sqlite)): the folder's permissions forbid it, or the encrypting "
                    + "VFS refused it (a temporary or journal file, or an attached database without the replica's key: "
                    + "keep temp_store=MEMORY and journal_mode=WAL, and do not ATTACH or VACUUM INTO other files)"))
        } else if primary == .SQLITE_BUSY || primary == .SQLITE_LOCKED {
            self.init(.inUse, Text(fr: "la réplique est verrouillée par une autre connexion (\(sqlite)) : fermez-la d'abord",
                                   en: "the replica is locked by another connection (\(sqlite)); close it there first"))
        } else {
            self.init(.storageFailed, Text(fr: "SQLite a échoué (\(sqlite)) : vérifiez la place libre et les droits",
                                           en: "SQLite failed (\(sqlite)): \(error.message ?? "no message"). Check disk space and permissions"))
        }
    }

    /// Maps a failure of the crypto layer (key derivation, secure memory, libsodium).
    init(crypto error: CryptoError) {
        switch error.code {
        case .authenticationFailed:
            self.init(.wrongPassphrase, Code.wrongPassphrase.text)
        default:
            self.init(.cryptoUnavailable, error.text)
        }
    }
}
