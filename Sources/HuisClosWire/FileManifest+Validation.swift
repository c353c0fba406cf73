import HuisClosCrypto
import HuisClosProtocol

extension Huisclos_V1_FileManifest {
    /// Checks an untrusted manifest: id, scope, chunk count and hash lengths, and a total size
    /// that the chunks can hold. Returns the parsed id and scope.
    public func validated() throws(APIError) -> (id: FileID, scope: ScopeID) {
        let id = try FileID(fileID)
        let scope: ScopeID
        do { scope = try ScopeID(self.scope) } catch { throw APIError(error) }
        guard chunkHashes.count <= WireLimits.fileChunksMax else {
            throw APIError(.tooLarge, "\(chunkHashes.count) chunks; a file holds at most \(WireLimits.fileChunksMax)")
        }
        guard chunkHashes.allSatisfy({ $0.count == Hash.length }) else {
            throw APIError(.malformed, "each chunk hash is \(Hash.length) bytes of BLAKE2b-256")
        }
        let capacity = UInt64(chunkHashes.count) * UInt64(WireLimits.chunkBytesMax)
        guard totalSize <= capacity, chunkHashes.isEmpty == (totalSize == 0) else {
            throw APIError(.malformed, "total size \(totalSize) does not fit \(chunkHashes.count) chunks of at most \(WireLimits.chunkBytesMax) bytes")
        }
        return (id, scope)
    }
}
