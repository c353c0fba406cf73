import GRDB
import HuisClosCrypto

/// A failure to create, open, use or destroy a replica: what happened and what to do about it.
///
/// Messages never contain the passphrase, the key or row data. Errors thrown later by
/// `Replica.database` are GRDB `DatabaseError`s; `ReplicaError(classifying:)` maps them, so that a
/// page that failed authentication reads as `.tampered`.
public struct ReplicaError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, Sendable {
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
    }

    /// What went wrong, as a stable code.
    public let code: Code
    /// What happened and what to do, for people; never contains secrets.
    public let message: String

    /// Makes an error from a code and a message that says what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`, for logs (safe to log: no secrets).
    public var description: String { "\(code.rawValue): \(message)" }

    /// Errors are equal when their codes are (messages are for people).
    public static func == (lhs: ReplicaError, rhs: ReplicaError) -> Bool { lhs.code == rhs.code }
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
            self = ReplicaError(.storageFailed, "the replica could not be used: \(error). Check disk space and permissions")
        }
    }

    private init(database error: DatabaseError) {
        let code = error.extendedResultCode
        let primary = code.primaryResultCode
        let sqlite = "SQLite code \(code.rawValue)"
        if code == .SQLITE_IOERR_AUTH || primary == .SQLITE_CORRUPT || primary == .SQLITE_NOTADB {
            self.init(.tampered, """
                a page of the replica failed authentication or the file is malformed (\(sqlite)): it was \
                modified, truncated, moved or replaced. Do not trust this copy: destroy it and resynchronise
                """)
        } else if primary == .SQLITE_CANTOPEN {
            self.init(.storageFailed, """
                SQLite could not open a file (\(sqlite)): the folder's permissions forbid it, or the encrypting \
                VFS refused it (a temporary or journal file, or an attached database without the replica's key: \
                keep temp_store=MEMORY and journal_mode=WAL, and do not ATTACH or VACUUM INTO other files)
                """)
        } else if primary == .SQLITE_BUSY || primary == .SQLITE_LOCKED {
            self.init(.inUse, "the replica is locked by another connection (\(sqlite)); close it there first")
        } else {
            self.init(.storageFailed, "SQLite failed (\(sqlite)): \(error.message ?? "no message"). Check disk space and permissions")
        }
    }

    /// Maps a failure of the crypto layer (key derivation, secure memory, libsodium).
    init(crypto error: CryptoError) {
        switch error.code {
        case .authenticationFailed:
            self.init(.wrongPassphrase, """
                the passphrase does not unlock this replica (or its key file was altered); nothing was \
                changed: try again with the right passphrase
                """)
        default:
            self.init(.cryptoUnavailable, "\(error.message)")
        }
    }
}
