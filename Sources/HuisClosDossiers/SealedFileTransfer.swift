import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosSync
import HuisClosWire

/// Moves sealed dossier files through the relay: content-addressed chunks of at most 1 MiB,
/// resumable (the server says which chunks it lacks; only those are sent), streamed on the way
/// back (one chunk in memory, decrypted straight into the caller's sink).
public struct SealedFileTransfer: Sendable {
    /// The server connection.
    public let client: SyncClient

    /// A transfer over `client`.
    public init(client: SyncClient) { self.client = client }

    /// Declares `file` as `id` in `scope` and sends the chunks the server lacks; returns how
    /// many were sent now (call again after a cut: stored chunks are not sent twice).
    @discardableResult
    public func upload(_ file: SealedFile, id: FileID, scope: ScopeID) async throws -> Int {
        let hashes = file.chunkHashes
        var manifest = Huisclos_V1_FileManifest()
        manifest.fileID = id.rawValue
        manifest.scope = scope.rawValue
        manifest.chunkHashes = hashes.map { Data($0) }
        manifest.totalSize = file.sealedSize
        let missing = Set(try await client.declare(manifest).missing.map { [UInt8]($0) })
        var sent = Set<[UInt8]>()
        for (index, hash) in hashes.enumerated() where missing.contains(hash) && !sent.contains(hash) {
            try await client.upload(chunk: file.chunks[index], hash: hash, file: id)
            sent.insert(hash)
        }
        return sent.count
    }

    /// Downloads file `id`, checks its manifest against `fingerprint` (from the dossier record),
    /// and decrypts it chunk by chunk into `sink`. Throws `DossierError(.integrity)` if the
    /// server's manifest or a chunk is not the one recorded, and `CryptoError` if the content
    /// does not open (altered or cut short).
    public func download(_ id: FileID, key: SecureBytes, fingerprint: [UInt8],
                         sink: ([UInt8]) throws -> Void) async throws {
        let status = try await client.fileStatus(id)
        guard status.complete else {
            throw DossierError(.notFound, "the file of this dossier is not completely uploaded yet: sync again later")
        }
        let hashes = status.manifest.chunkHashes.map { [UInt8]($0) }
        guard SealedFile.fingerprint(chunkHashes: hashes) == fingerprint else {
            throw DossierError(.integrity, "the server's copy of this file is not the one recorded in the dossier: report it to the secretariat")
        }
        try await SealedFile.open(count: hashes.count, key: key, fetch: { index in
            let chunk = try await client.download(chunk: hashes[index], file: id)
            guard Hash.blake2b(chunk) == hashes[index] else {
                throw DossierError(.integrity, "chunk \(index) of the file does not match its hash: sync again")
            }
            return chunk
        }, sink: sink)
    }
}
