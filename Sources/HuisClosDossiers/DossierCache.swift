import Foundation
public import GRDB
public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosSync

/// The sealed content of dossier versions, kept inside the member's encrypted replica so a
/// dossier reads offline.
///
/// Chunks are kept exactly as the relay stores them (still sealed under the version's key), once
/// per BLAKE2b-256 hash whatever the number of versions holding them; each file's manifest (its
/// chunk hashes, in order) is kept only after it matched the fingerprint recorded in the version,
/// and each chunk only after it matched its hash. The cache holds exactly what the device is
/// entitled to: `retain(files:)` drops every file no readable version references and the chunks
/// no kept file uses, with SQLite's secure delete so the freed pages are zeroed. A wipe destroys
/// the replica and the cache with it.
public struct DossierCache: Sendable {
    /// The replica's database.
    public let database: any DatabaseWriter

    /// The cache in `database` (its tables come from `DossierSchema`, migrated when the device opens).
    public init(database: any DatabaseWriter) { self.database = database }

    /// The chunk hashes of `file`, in order, once its manifest has been kept; nil before.
    public func manifest(of file: String) throws -> [[UInt8]]? {
        try database.read { db in
            let hashes = try Data.fetchAll(db, sql: "SELECT hash FROM dossier_file_chunks WHERE file_id = ? ORDER BY position",
                                           arguments: [file]).map { [UInt8]($0) }
            return hashes.isEmpty ? nil : hashes
        }
    }

    /// The chunk hashes of `file` whose bytes are not held yet, in file order (empty once complete;
    /// every hash when no manifest is kept).
    public func missingChunks(of file: String) throws -> [[UInt8]] {
        try database.read { db in
            return try Data.fetchAll(db, sql: """
                SELECT f.hash FROM dossier_file_chunks f
                WHERE f.file_id = ? AND NOT EXISTS (SELECT 1 FROM dossier_chunks c WHERE c.hash = f.hash)
                ORDER BY f.position
                """, arguments: [file]).map { [UInt8]($0) }
        }
    }

    /// True when the manifest of `file` and every chunk it lists are held.
    public func isComplete(_ file: String) throws -> Bool {
        try manifest(of: file) != nil && missingChunks(of: file).isEmpty
    }

    /// Keeps the manifest of `file` (in `scope`) after checking it against `fingerprint`, the one
    /// recorded in the dossier version; throws `DossierError(.integrity)` otherwise.
    public func keep(manifest hashes: [[UInt8]], of file: String, scope: ScopeID, fingerprint: [UInt8]) throws {
        guard !hashes.isEmpty, hashes.count <= WireLimits.fileChunksMax, hashes.allSatisfy({ $0.count == Hash.length }),
              SealedFile.fingerprint(chunkHashes: hashes) == fingerprint else {
            throw DossierError(.integrity, Text(fr: "la liste des parties de ce fichier donnée par le serveur n'est pas celle du dossier : rien n'a été gardé ; signalez-le au secrétariat",
                                     en: "the server's list of this file's chunks is not the one recorded in the dossier: nothing kept; report it to the secretariat"))
        }
        try database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO dossier_files (file_id, scope) VALUES (?, ?)", arguments: [file, scope.rawValue])
            try db.execute(sql: "DELETE FROM dossier_file_chunks WHERE file_id = ?", arguments: [file])
            for (position, hash) in hashes.enumerated() {
                try db.execute(sql: "INSERT INTO dossier_file_chunks (file_id, position, hash) VALUES (?, ?, ?)",
                               arguments: [file, position, Data(hash)])
            }
        }
    }

    /// Keeps one sealed chunk after checking it hashes to `hash`; throws
    /// `DossierError(.integrity)` (and keeps nothing) otherwise.
    public func keep(chunk: [UInt8], hash: [UInt8]) throws {
        guard let verified = VerifiedChunk(bytes: chunk, hash: hash) else {
            throw DossierError(.integrity, Text(fr: "une partie reçue pour ce fichier ne correspond pas à son empreinte : refusée, rien n'a été gardé ; synchronisez de nouveau et signalez-le si cela persiste",
                                     en: "a chunk received for this file does not match its hash: refused, nothing kept; sync again and report it if it persists"))
        }
        try keep(verified)
    }

    /// Keeps one sealed chunk already checked against its hash (by `SyncClient.download`, which
    /// made it): hashing 1 MiB again here would prove nothing more.
    public func keep(_ chunk: VerifiedChunk) throws {
        try database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO dossier_chunks (hash, bytes) VALUES (?, ?)",
                           arguments: [Data(chunk.hash), Data(chunk.bytes)])
        }
    }

    /// Keeps a chunk sealed on this device and returns its hash (its manifest follows once the
    /// whole file is sealed; until then `retain` treats it as unreferenced).
    func keepOwn(chunk: [UInt8]) throws -> [UInt8] {
        let hash = Hash.blake2b(chunk)
        try database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO dossier_chunks (hash, bytes) VALUES (?, ?)", arguments: [Data(hash), Data(chunk)])
        }
        return hash
    }

    /// One sealed chunk by hash, or nil when not held.
    public func chunk(_ hash: [UInt8]) throws -> [UInt8]? {
        try database.read { db in
            return try Data.fetchOne(db, sql: "SELECT bytes FROM dossier_chunks WHERE hash = ?", arguments: [Data(hash)]).map { [UInt8]($0) }
        }
    }

    /// Decrypts the held copy of `file` chunk by chunk into `sink` (one chunk in memory); the
    /// manifest is checked against `fingerprint` again. Throws `DossierError(.notFetched)` when the
    /// copy is incomplete, `CryptoError` when it does not open.
    public func open(_ file: String, key: SecureBytes, fingerprint: [UInt8], sink: ([UInt8]) throws -> Void) async throws {
        guard let hashes = try manifest(of: file), try missingChunks(of: file).isEmpty else {
            throw DossierError(.notFetched, Text(fr: "cette version n'est pas entièrement arrivée sur cet appareil : synchronisez une fois en ligne",
                                     en: "this version has not fully reached this device: sync when online"))
        }
        guard SealedFile.fingerprint(chunkHashes: hashes) == fingerprint else {
            throw DossierError(.integrity, Text(fr: "la copie gardée sur cet appareil n'est pas celle enregistrée : synchronisez de nouveau pour la récupérer",
                                     en: "the copy kept on this device is not the recorded one: sync again to fetch it"))
        }
        try await SealedFile.open(count: hashes.count, key: key, fetch: { index in
            guard let bytes = try chunk(hashes[index]) else {
                throw DossierError(.notFetched, Text(fr: "une partie de cette version manque sur cet appareil : synchronisez une fois en ligne",
                                     en: "a chunk of this version is missing on this device: sync when online"))
            }
            return bytes
        }, sink: sink)
    }

    /// Drops every file not in `files` and every chunk no remaining file lists, zeroing the freed
    /// pages (secure delete); returns how many files were dropped.
    @discardableResult
    public func retain(files: Set<String>) throws -> Int {
        try database.writeWithoutTransaction { db in
            let dropped = try String.fetchAll(db, sql: "SELECT file_id FROM dossier_files").filter { !files.contains($0) }
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            try db.inTransaction {
                for file in dropped {
                    try db.execute(sql: "DELETE FROM dossier_file_chunks WHERE file_id = ?", arguments: [file])
                    try db.execute(sql: "DELETE FROM dossier_files WHERE file_id = ?", arguments: [file])
                }
                try db.execute(sql: "DELETE FROM dossier_chunks WHERE hash NOT IN (SELECT hash FROM dossier_file_chunks)")
                return .commit
            }
            return dropped.count
        }
    }

    /// The sealed size of `file` in bytes (its held chunks).
    func sealedSize(of file: String) throws -> Int64 {
        try database.read { db in
            return try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(length(c.bytes)), 0) FROM dossier_file_chunks f JOIN dossier_chunks c ON c.hash = f.hash
                WHERE f.file_id = ?
                """, arguments: [file]) ?? 0
        }
    }

    /// Sealed bytes held, for status and tests.
    public func heldBytes() throws -> Int64 {
        try database.read { db in
            return try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(length(bytes)), 0) FROM dossier_chunks") ?? 0
        }
    }
}
