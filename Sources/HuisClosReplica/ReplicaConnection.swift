import CHuisClosVFS
import CSQLite
import Foundation
import GRDB
import HuisClosCrypto
import HuisClosL10n

/// Opens the GRDB connection of a replica through the encrypting VFS.
///
/// GRDB calls `sqlite3_open_v2(path, flags, NULL)` and passes no VFS, so the path is a URI
/// (`file:/abs/replica.db?vfs=huisclos&hckey=TOKEN`; Debian's SQLite is built with
/// `SQLITE_USE_URI=1` and GRDB only hands the path to SQLite). The token names the key in the
/// VFS's registry for the duration of the open only; GRDB's configuration applies the pragmas
/// below before anything else touches the database.
enum ReplicaConnection {
    /// Registers the VFS once per process (libsodium initialised and checked by the C side).
    private static let registration: Int32 = hc_vfs_register()

    /// Opens (or, with `creating`, creates) the database at `files.database` with `key`.
    static func open(_ files: ReplicaFiles, key: SecureBytes, databaseID: [UInt8],
                     creating: Bool) throws(ReplicaError) -> DatabaseQueue {
        guard registration == SQLITE_OK else {
            throw ReplicaError(.cryptoUnavailable, Text(fr: "le VFS de chiffrement n'a pas pu être enregistré (libsodium n'a pas démarré) : vérifiez /dev/urandom",
                en: "the encrypting VFS could not be registered (libsodium failed to initialise); check /dev/urandom"))
        }
        var token = [CChar](repeating: 0, count: Int(HC_TOKEN_CHARS) + 1)
        let added = key.withUnsafeBytes { keyBytes in
            databaseID.withUnsafeBytes { idBytes in
                hc_vfs_add_key(keyBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), keyBytes.count,
                               idBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), idBytes.count,
                               &token, token.count)
            }
        }
        guard added == SQLITE_OK else {
            throw ReplicaError(.cryptoUnavailable, Text(fr: "impossible de confier la clé au VFS (code SQLite \(added)) : trop de répliques ouvertes à la fois, ou plus de mémoire protégée",
                en: "could not hand the key to the VFS (SQLite code \(added)); too many replicas opening at once, or no guarded memory"))
        }
        defer {
            let removed = hc_vfs_remove_key(token)
            precondition(removed == SQLITE_OK, "the VFS lost a registered key (SQLite code \(removed))")
        }
        var configuration = Configuration()
        configuration.label = "HuisClos.Replica"
        configuration.prepareDatabase { db in try ReplicaPragmas.apply(to: db, creating: creating) }
        do {
            let tokenText = String(decoding: token.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return try DatabaseQueue(path: uri(for: files.database, token: tokenText),
                                     configuration: configuration)
        } catch {
            throw ReplicaError(classifying: error)
        }
    }

    /// `file:` URI of `database` selecting the VFS; the path is percent-encoded so `?`, `#` and
    /// `%` in folder names cannot be read as URI syntax.
    static func uri(for database: URL, token: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        let path = database.path.addingPercentEncoding(withAllowedCharacters: allowed) ?? database.path
        return "file:\(path)?vfs=\(HC_VFS_NAME)&hckey=\(token)"
    }
}
