import Foundation
import HuisClosCrypto
import HuisClosProtocol

/// A dossier file sealed with `SecretStream` under its own random key, cut into transfer chunks.
///
/// Chunk 0 is the stream header followed by the first sealed chunk; every later chunk is one
/// sealed chunk; each is at most `WireLimits.chunkBytesMax` bytes. The last chunk carries the
/// FINAL tag, so a file cut short fails to open (`CryptoError.streamIncomplete`) instead of
/// reading as a shorter document. The key travels only inside the dossier record, which is in a
/// sealed batch of the dossier's scope; the relay sees chunks and their hashes only.
public struct SealedFile: Sendable {
    /// The per-file key (32 bytes, guarded memory).
    public let key: SecureBytes
    /// The sealed chunks, in order.
    public let chunks: [[UInt8]]
    /// Plaintext size in bytes.
    public let plainSize: UInt64

    /// BLAKE2b-256 of each chunk: the manifest the relay stores.
    public var chunkHashes: [[UInt8]] { chunks.map { Hash.blake2b($0) } }
    /// Total sealed size in bytes.
    public var sealedSize: UInt64 { chunks.reduce(0) { $0 + UInt64($1.count) } }

    /// Seals `plaintext` under a new random key.
    public static func seal(_ plaintext: [UInt8]) throws -> SealedFile {
        guard plaintext.count <= DossierLimits.fileBytesMax else {
            throw DossierError(.tooLarge, "the file is \(plaintext.count) bytes, over the \(DossierLimits.fileBytesMax / 1_048_576) MiB limit: split the dossier")
        }
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        var pusher = try SecretStream.Pusher(key: key)
        var chunks: [[UInt8]] = []
        var offset = 0
        repeat {
            let end = min(offset + DossierLimits.plainChunkBytes, plaintext.count)
            let isFinal = end == plaintext.count
            var sealed = pusher.push(Array(plaintext[offset..<end]), isFinal: isFinal)
            if chunks.isEmpty { sealed = pusher.header + sealed }
            chunks.append(sealed)
            offset = end
        } while offset < plaintext.count
        return SealedFile(key: key, chunks: chunks, plainSize: UInt64(plaintext.count))
    }

    /// The file's fingerprint: BLAKE2b-256 over its chunk hashes, recorded in the dossier
    /// version so a substituted manifest is refused before anything is decrypted.
    public static func fingerprint(chunkHashes: [[UInt8]]) -> [UInt8] {
        Hash.blake2b(chunkHashes.flatMap { $0 })
    }
}

extension SealedFile {
    /// Opens `count` sealed chunks fetched one at a time by `fetch(index)` and hands each
    /// plaintext piece to `sink`: nothing decrypted is kept or written except by the sink the
    /// caller chose. Throws `CryptoError.authenticationFailed` for an altered, reordered or
    /// foreign chunk and `.streamIncomplete` for a file cut short.
    public static func open(count: Int, key: SecureBytes, fetch: (Int) async throws -> [UInt8],
                            sink: ([UInt8]) throws -> Void) async throws {
        guard count > 0 else { throw CryptoError(.streamIncomplete, "the file has no chunk: it is empty or was cut short; download it again") }
        let first = try await fetch(0)
        guard first.count >= SecretStream.headerLength else { throw CryptoError(.authenticationFailed, "the file's first chunk is too short to hold its header: the copy is damaged") }
        var puller = try SecretStream.Puller(key: key, header: Array(first[..<SecretStream.headerLength]))
        try sink(try puller.pull(Array(first[SecretStream.headerLength...])))
        for index in 1..<count {
            try sink(try puller.pull(try await fetch(index)))
        }
        try puller.finish()
    }
}
