import Foundation
public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosServer
public import HuisClosWire
import NIOCore
import PostgresNIO

extension PostgresServerStorage {
    public func declare(_ manifest: FileManifestRecord, by device: SigningPublicKey) async throws(StorageError) -> FileManifestRecord {
        let stored: Bool = try await write("declaring a file") { connection in
            let inserted = try await connection.rows("""
                INSERT INTO file (id, scope, total_size, declared_by)
                VALUES (\(manifest.id.rawValue), \(manifest.scope.rawValue), \(Int64(manifest.totalSize)), \(bytea(device.bytes)))
                ON CONFLICT (id) DO NOTHING RETURNING 1
                """, logger)
            guard !inserted.isEmpty else { return false }
            for (index, hash) in manifest.chunkHashes.enumerated() {
                try await connection.run("""
                    INSERT INTO file_chunk (file, idx, hash) VALUES (\(manifest.id.rawValue), \(Int32(index)), \(bytea(hash)))
                    """, logger)
            }
            return true
        }
        return try await declared(manifest, stored: stored)
    }

    public func filesDeclared(by device: SigningPublicKey) async throws(StorageError) -> Int {
        try await read("counting a device's files") { connection in
            Int(try await connection.value(Int64.self, "SELECT COUNT(*) FROM file WHERE declared_by = \(bytea(device.bytes))", logger) ?? 0)
        }
    }

    public func manifest(_ id: FileID) async throws(StorageError) -> FileManifestRecord? {
        let row = try await write("reading a file manifest") { connection -> (scope: String, size: Int64, hashes: [[UInt8]])? in
            guard let file = try await connection.rows("SELECT scope, total_size FROM file WHERE id = \(id.rawValue)", logger).first
            else { return nil }
            let (scope, size) = try file.decode((String, Int64).self)
            let hashes = try await connection.rows("SELECT hash FROM file_chunk WHERE file = \(id.rawValue) ORDER BY idx", logger)
                .map { try $0.decode(ByteBuffer.self).bytes }
            return (scope, size, hashes)
        }
        guard let row else { return nil }
        guard let scope = try? ScopeID(row.scope) else { throw StorageError(.corrupt, Text(fr: "le fichier \(id) a une portée invalide",
                                                                                           en: "file \(id) has an invalid scope")) }
        return FileManifestRecord(id: id, scope: scope, chunkHashes: row.hashes, totalSize: UInt64(row.size))
    }

    public func missingChunks(_ hashes: [[UInt8]], in scope: ScopeID) async throws(StorageError) -> [[UInt8]] {
        try await read("checking stored chunks") { connection in
            var seen = Set<[UInt8]>()
            var missing: [[UInt8]] = []
            for hash in hashes where seen.insert(hash).inserted {
                let held = try await connection.rows("""
                    SELECT 1 FROM chunk_upload WHERE hash = \(bytea(hash)) AND scope = \(scope.rawValue)
                    """, logger)
                if held.isEmpty { missing.append(hash) }
            }
            return missing
        }
    }

    public func storeChunk(hash: [UInt8], bytes: [UInt8], scope: ScopeID, device: SigningPublicKey) async throws(StorageError) {
        try await write("storing a chunk") { connection in
            try await connection.run("INSERT INTO chunk (hash, bytes) VALUES (\(bytea(hash)), \(bytea(bytes))) ON CONFLICT DO NOTHING", logger)
            try await connection.run("""
                INSERT INTO chunk_upload (hash, scope, device, size)
                VALUES (\(bytea(hash)), \(scope.rawValue), \(bytea(device.bytes)), \(Int64(bytes.count))) ON CONFLICT DO NOTHING
                """, logger)
        }
    }

    public func chunkBytesStored(by device: SigningPublicKey) async throws(StorageError) -> Int64 {
        try await read("counting a device's chunk bytes") { connection in
            try await connection.value(Int64.self, """
                SELECT COALESCE(SUM(size), 0)::BIGINT FROM chunk_upload WHERE device = \(bytea(device.bytes))
                """, logger) ?? 0
        }
    }

    public func chunk(hash: [UInt8], in scope: ScopeID) async throws(StorageError) -> [UInt8]? {
        try await read("reading a chunk") { connection in
            try await connection.value(ByteBuffer.self, """
                SELECT chunk.bytes FROM chunk JOIN chunk_upload ON chunk_upload.hash = chunk.hash
                WHERE chunk.hash = \(bytea(hash)) AND chunk_upload.scope = \(scope.rawValue)
                """, logger)?.bytes
        }
    }

    public func chunk(hash: [UInt8]) async throws(StorageError) -> [UInt8]? {
        try await read("reading a chunk") { connection in
            try await connection.value(ByteBuffer.self, "SELECT bytes FROM chunk WHERE hash = \(bytea(hash))", logger)?.bytes
        }
    }
}
