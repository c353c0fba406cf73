import Foundation
import GRDB
public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosWire

extension SQLiteServerStorage {
    public func declare(_ manifest: FileManifestRecord, by device: SigningPublicKey) async throws(StorageError) -> FileManifestRecord {
        let stored: Bool = try await write("declaring a file") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM file WHERE id = ?", arguments: [manifest.id.rawValue]) == true {
                return false
            }
            try db.execute(sql: "INSERT INTO file (id, scope, total_size, declared_by) VALUES (?, ?, ?, ?)",
                           arguments: [manifest.id.rawValue, manifest.scope.rawValue, Int64(manifest.totalSize), Data(device.bytes)])
            let insert = try db.makeStatement(sql: "INSERT INTO file_chunk (file, idx, hash) VALUES (?, ?, ?)")
            for (index, hash) in manifest.chunkHashes.enumerated() {
                try insert.execute(arguments: [manifest.id.rawValue, index, Data(hash)])
            }
            return true
        }
        return try await declared(manifest, stored: stored)
    }

    public func filesDeclared(by device: SigningPublicKey) async throws(StorageError) -> Int {
        try await read("counting a device's files") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM file WHERE declared_by = ?", arguments: [Data(device.bytes)]) ?? 0
        }
    }

    public func manifest(_ id: FileID) async throws(StorageError) -> FileManifestRecord? {
        let row = try await read("reading a file manifest") { db -> (scope: String, size: Int64, hashes: [Data])? in
            guard let file = try Row.fetchOne(db, sql: "SELECT scope, total_size FROM file WHERE id = ?", arguments: [id.rawValue])
            else { return nil }
            let hashes = try Data.fetchAll(db, sql: "SELECT hash FROM file_chunk WHERE file = ? ORDER BY idx",
                                           arguments: [id.rawValue])
            return (file["scope"], file["total_size"], hashes)
        }
        guard let row else { return nil }
        guard let scope = try? ScopeID(row.scope) else { throw StorageError(.corrupt, Text(fr: "le fichier \(id) a une portée invalide",
                                                                                           en: "file \(id) has an invalid scope")) }
        return FileManifestRecord(id: id, scope: scope, chunkHashes: row.hashes.map { Array($0) }, totalSize: UInt64(row.size))
    }

    public func missingChunks(_ hashes: [[UInt8]], in scope: ScopeID) async throws(StorageError) -> [[UInt8]] {
        try await read("checking stored chunks") { db in
            var seen = Set<[UInt8]>()
            var missing: [[UInt8]] = []
            let statement = try db.makeStatement(sql: "SELECT 1 FROM chunk_upload WHERE hash = ? AND scope = ?")
            for hash in hashes where seen.insert(hash).inserted {
                if try Bool.fetchOne(statement, arguments: [Data(hash), scope.rawValue]) != true { missing.append(hash) }
            }
            return missing
        }
    }

    public func storeChunk(hash: [UInt8], bytes: [UInt8], scope: ScopeID, device: SigningPublicKey) async throws(StorageError) {
        try await write("storing a chunk") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO chunk (hash, bytes) VALUES (?, ?)", arguments: [Data(hash), Data(bytes)])
            try db.execute(sql: "INSERT OR IGNORE INTO chunk_upload (hash, scope, device, size) VALUES (?, ?, ?, ?)",
                           arguments: [Data(hash), scope.rawValue, Data(device.bytes), bytes.count])
        }
    }

    public func chunkBytesStored(by device: SigningPublicKey) async throws(StorageError) -> Int64 {
        try await read("counting a device's chunk bytes") { db in
            try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM chunk_upload WHERE device = ?", arguments: [Data(device.bytes)]) ?? 0
        }
    }

    public func chunk(hash: [UInt8], in scope: ScopeID) async throws(StorageError) -> [UInt8]? {
        try await read("reading a chunk") { db in
            try Data.fetchOne(db, sql: """
                SELECT chunk.bytes FROM chunk JOIN chunk_upload ON chunk_upload.hash = chunk.hash
                WHERE chunk.hash = ? AND chunk_upload.scope = ?
                """, arguments: [Data(hash), scope.rawValue]).map { Array($0) }
        }
    }

    public func chunk(hash: [UInt8]) async throws(StorageError) -> [UInt8]? {
        try await read("reading a chunk") { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM chunk WHERE hash = ?", arguments: [Data(hash)]).map { Array($0) }
        }
    }
}
