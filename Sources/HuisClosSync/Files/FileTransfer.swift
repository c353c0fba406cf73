public import Foundation
import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosWire

/// Resumable, chunked transfer of an already-encrypted file between a local path and the relay.
///
/// Upload: hash the file in `WireLimits.chunkBytesMax` chunks, declare the manifest, send only
/// the chunks the server says are missing. Download: fetch each chunk, verify its hash, write it
/// in place, the next ones fetched ahead (`SyncClient.chunksFetchedAhead`); chunks already present
/// and correct in the target are not fetched again. Memory stays at a few chunks whatever the
/// file's size.
public struct FileTransfer: Sendable {
    /// The server connection.
    public let client: SyncClient

    /// A transfer helper over `client`.
    public init(client: SyncClient) { self.client = client }

    /// Uploads `path` as file `id` in `scope`; returns how many chunks were sent now.
    /// `progress(done, total)` counts chunks the server holds.
    @discardableResult
    public func upload(_ path: URL, id: FileID, scope: ScopeID,
                       progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let (hashes, size) = try Self.hashChunks(of: path)
        var manifest = Huisclos_V1_FileManifest()
        manifest.fileID = id.rawValue
        manifest.scope = scope.rawValue
        manifest.chunkHashes = hashes.map { Data($0) }
        manifest.totalSize = size
        let status = try await client.declare(manifest)
        let missing = Set(status.missing.map { Array($0) })
        var held = hashes.count - hashes.filter { missing.contains($0) }.count
        progress(held, hashes.count)
        let handle = try FileHandle(forReadingFrom: path)
        defer { try? handle.close() }
        var sent = 0
        var uploaded = Set<[UInt8]>()
        for (index, hash) in hashes.enumerated() where missing.contains(hash) && !uploaded.contains(hash) {
            try handle.seek(toOffset: UInt64(index) * UInt64(WireLimits.chunkBytesMax))
            let chunk = [UInt8](try handle.read(upToCount: WireLimits.chunkBytesMax) ?? Data())
            try await client.upload(chunk: chunk, hash: hash, file: id)
            uploaded.insert(hash)
            sent += 1
            held += 1
            progress(held, hashes.count)
        }
        return sent
    }

    /// Downloads file `id` into `path`; returns how many chunks were fetched now.
    @discardableResult
    public func download(_ id: FileID, to path: URL, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Int {
        let status = try await client.fileStatus(id)
        guard status.complete else {
            throw APIError(.notFound, Text(fr: "le fichier \(id) n'est pas encore entièrement envoyé : réessayez plus tard",
                                           en: "file \(id) is not completely uploaded yet: try again later"))
        }
        let hashes = status.manifest.chunkHashes.map { Array($0) }
        if !FileManager.default.fileExists(atPath: path.path),
           !FileManager.default.createFile(atPath: path.path, contents: nil) {
            throw APIError(.internal, Text(fr: "impossible de créer \(path.path) : vérifiez les droits du dossier",
                                           en: "cannot create \(path.path): check the folder's permissions"))
        }
        let handle = try FileHandle(forUpdating: path)
        defer { try? handle.close() }
        let chunkBytes = UInt64(WireLimits.chunkBytesMax)
        // The chunks the file lacks (a resumed download has some already), then those alone, fetched ahead.
        var missing: [Int] = []
        for (index, hash) in hashes.enumerated() {
            let offset = UInt64(index) * chunkBytes
            let length = Int(min(chunkBytes, status.manifest.totalSize - min(offset, status.manifest.totalSize)))
            try handle.seek(toOffset: offset)
            let present = [UInt8](try handle.read(upToCount: length) ?? Data())
            if present.count != length || Hash.blake2b(present) != hash { missing.append(index) }
        }
        progress(hashes.count - missing.count, hashes.count)
        try await client.download(chunks: missing.map { hashes[$0] }, file: id) { done, chunk in
            try handle.seek(toOffset: UInt64(missing[done]) * chunkBytes)
            try handle.write(contentsOf: chunk.bytes)
            progress(hashes.count - missing.count + done + 1, hashes.count)
        }
        try handle.truncate(atOffset: status.manifest.totalSize)
        return missing.count
    }

    /// BLAKE2b-256 of each chunk of the file, and its size, reading one chunk at a time.
    static func hashChunks(of path: URL) throws -> (hashes: [[UInt8]], size: UInt64) {
        let handle = try FileHandle(forReadingFrom: path)
        defer { try? handle.close() }
        var hashes: [[UInt8]] = []
        var size: UInt64 = 0
        while let chunk = try handle.read(upToCount: WireLimits.chunkBytesMax), !chunk.isEmpty {
            guard hashes.count < WireLimits.fileChunksMax else {
                throw APIError(.tooLarge, Text(fr: "\(path.lastPathComponent) dépasse \(WireLimits.fileChunksMax) morceaux de 1 Mio",
                                               en: "\(path.lastPathComponent) is over \(WireLimits.fileChunksMax) chunks of 1 MiB"))
            }
            hashes.append(Hash.blake2b([UInt8](chunk)))
            size += UInt64(chunk.count)
        }
        return (hashes, size)
    }
}
