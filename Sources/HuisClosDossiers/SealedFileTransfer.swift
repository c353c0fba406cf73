import Foundation
import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosSync
public import HuisClosWire

/// Moves sealed dossier files between the member's encrypted replica (`DossierCache`) and the
/// relay: content-addressed chunks of at most 1 MiB, resumable both ways (the server says which
/// chunks it lacks and only those are sent; only the chunks the cache lacks are fetched), one
/// chunk in memory at a time.
public struct SealedFileTransfer: Sendable {
    /// Reports progress in chunks (at most 1 MiB each): held at the far end so far, and the total.
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// The server connection.
    public let client: SyncClient

    /// A transfer over `client`.
    public init(client: SyncClient) { self.client = client }

    /// Declares `file` (kept in `cache`) in `scope` and sends the chunks the server lacks;
    /// returns how many were sent now (call again after a cut: stored chunks are not sent twice).
    @discardableResult
    public func upload(_ file: FileID, scope: ScopeID, from cache: DossierCache, progress: Progress = { _, _ in }) async throws -> Int {
        guard let hashes = try cache.manifest(of: file.rawValue) else {
            throw DossierError(.notFound, Text(fr: "le fichier \(file) n'est pas gardé sur cet appareil : ajoutez de nouveau le dossier",
                                     en: "file \(file) is not kept on this device: add the dossier again"))
        }
        var manifest = Huisclos_V1_FileManifest()
        manifest.fileID = file.rawValue
        manifest.scope = scope.rawValue
        manifest.chunkHashes = hashes.map { Data($0) }
        manifest.totalSize = UInt64(try cache.sealedSize(of: file.rawValue))
        let missing = Set(try await client.declare(manifest).missing.map { [UInt8]($0) })
        var done = hashes.filter { !missing.contains($0) }.count
        progress(done, hashes.count)
        var sent = Set<[UInt8]>()
        for hash in hashes where missing.contains(hash) {
            if !sent.contains(hash) {
                guard let chunk = try cache.chunk(hash) else {
                    throw DossierError(.notFound, Text(fr: "une partie du fichier \(file) n'est pas gardée sur cet appareil : ajoutez de nouveau le dossier",
                                     en: "a chunk of file \(file) is not kept on this device: add the dossier again"))
                }
                try await client.upload(chunk: chunk, hash: hash, file: file)
                sent.insert(hash)
            }
            done += 1
            progress(done, hashes.count)
        }
        return sent.count
    }

    /// Brings file `id` of `scope` into `cache`: the server's manifest is kept only if it matches
    /// `fingerprint` (from the dossier version), each chunk only if it matches its hash; chunks
    /// already held are not fetched again. Returns how many chunks were fetched now. Throws
    /// `DossierError(.integrity)` for a substituted manifest or an altered chunk (nothing of it
    /// kept) and `DossierError(.notFetched)` while the file is not completely uploaded.
    @discardableResult
    public func fetch(_ id: FileID, scope: ScopeID, fingerprint: [UInt8], into cache: DossierCache,
                      progress: Progress = { _, _ in }) async throws -> Int {
        if try cache.manifest(of: id.rawValue) == nil {
            let status = try await client.fileStatus(id)
            guard status.complete else {
                throw DossierError(.notFetched, Text(fr: "le fichier de ce dossier n'est pas encore entièrement envoyé : synchronisez de nouveau plus tard",
                                     en: "the file of this dossier is not completely uploaded yet: sync again later"))
            }
            try cache.keep(manifest: status.manifest.chunkHashes.map { [UInt8]($0) }, of: id.rawValue, scope: scope, fingerprint: fingerprint)
        }
        let missing = try cache.missingChunks(of: id.rawValue)
        progress(0, missing.count)
        // Chunks fetched ahead while the current one is written to the replica; a chunk the relay
        // sends altered is an integrity failure, and nothing of it is kept.
        do {
            try await client.download(chunks: missing, file: id) { index, chunk in
                try cache.keep(chunk)
                progress(index + 1, missing.count)
            }
        } catch let error as APIError where error.code == .chunkHashMismatch {
            throw DossierError(.integrity, Text(fr: "une partie de ce fichier, telle que le serveur l'a envoyée, ne correspond pas à son empreinte : refusée, rien n'a été gardé ; signalez-le au secrétariat",
                                     en: "a chunk of this file, as the server sent it, does not match its hash: refused, nothing kept; report it to the secretariat"))
        }
        return missing.count
    }
}
