import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

extension Huisclos_V1_FileManifest {
    /// Checks an untrusted manifest: id, scope, chunk count and hash lengths, and a total size
    /// that the chunks can hold. Returns the parsed id and scope.
    public func validated() throws(APIError) -> (id: FileID, scope: ScopeID) {
        let id = try FileID(fileID)
        let scope: ScopeID
        do { scope = try ScopeID(self.scope) } catch { throw APIError(error) }
        guard chunkHashes.count <= WireLimits.fileChunksMax else {
            throw APIError(.tooLarge, Text(fr: "\(chunkHashes.count) morceaux ; un fichier en tient au plus \(WireLimits.fileChunksMax)",
                                           en: "\(chunkHashes.count) chunks; a file holds at most \(WireLimits.fileChunksMax)"))
        }
        guard chunkHashes.allSatisfy({ $0.count == Hash.length }) else {
            throw APIError(.malformed, Text(fr: "chaque empreinte de morceau fait \(Hash.length) octets de BLAKE2b-256",
                                            en: "each chunk hash is \(Hash.length) bytes of BLAKE2b-256"))
        }
        let capacity = UInt64(chunkHashes.count) * UInt64(WireLimits.chunkBytesMax)
        guard totalSize <= capacity, chunkHashes.isEmpty == (totalSize == 0) else {
            throw APIError(.malformed, Text(fr: "la taille totale \(totalSize) ne tient pas dans \(chunkHashes.count) morceaux d'au plus \(WireLimits.chunkBytesMax) octets",
                                            en: "total size \(totalSize) does not fit \(chunkHashes.count) chunks of at most \(WireLimits.chunkBytesMax) bytes"))
        }
        return (id, scope)
    }
}
