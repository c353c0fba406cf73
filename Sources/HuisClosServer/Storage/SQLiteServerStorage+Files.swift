import Foundation
import GRDB
import HuisClosProtocol
import HuisClosWire

extension SQLiteServerStorage {
    public func declare(_ manifest: FileManifestRecord) async throws(StorageError) -> FileManifestRecord {
        let stored: Bool = try await write("declaring a file") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM file WHERE id = ?", arguments: [manifest.id.rawValue]) == true {
                return false
            }
            try db.execute(sql: "INSERT INTO file (id, scope, total_size) VALUES (?, ?, ?)",
                           arguments: [manifest.id.rawValue, manifest.scope.rawValue, Int64(manifest.totalSize)])
            let insert = try db.makeStatement(sql: "INSERT INTO file_chunk (file, idx, hash) VALUES (?, ?, ?)")
            for (index, hash) in manifest.chunkHashes.enumerated() {
                try insert.execute(arguments: [manifest.id.rawValue, index, Data(hash)])
            }
            return true
        }
        if stored { return manifest }
        guard let existing = try await self.manifest(manifest.id) else {
            throw StorageError(.corrupt, "file \(manifest.id) exists without its manifest")
        }
        return existing
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
        guard let scope = try? ScopeID(row.scope) else { throw StorageError(.corrupt, "file \(id) has an invalid scope") }
        return FileManifestRecord(id: id, scope: scope, chunkHashes: row.hashes.map { Array($0) }, totalSize: UInt64(row.size))
    }

    public func missingChunks(_ hashes: [[UInt8]]) async throws(StorageError) -> [[UInt8]] {
        try await read("checking stored chunks") { db in
            var seen = Set<[UInt8]>()
            var missing: [[UInt8]] = []
            let statement = try db.makeStatement(sql: "SELECT 1 FROM chunk WHERE hash = ?")
            for hash in hashes where seen.insert(hash).inserted {
                if try Bool.fetchOne(statement, arguments: [Data(hash)]) != true { missing.append(hash) }
            }
            return missing
        }
    }

    public func storeChunk(hash: [UInt8], bytes: [UInt8]) async throws(StorageError) {
        try await write("storing a chunk") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO chunk (hash, bytes) VALUES (?, ?)", arguments: [Data(hash), Data(bytes)])
        }
    }

    public func chunk(hash: [UInt8]) async throws(StorageError) -> [UInt8]? {
        try await read("reading a chunk") { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM chunk WHERE hash = ?", arguments: [Data(hash)]).map { Array($0) }
        }
    }
}
