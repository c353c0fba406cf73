public import Foundation
public import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// The one way HuisClos seals a file: `SecretStream` under its own random per-version key, cut
/// into transfer chunks.
///
/// Chunk 0 is the stream header followed by the first sealed chunk; every later chunk is one
/// sealed chunk; each is at most `WireLimits.chunkBytesMax` bytes. The last chunk carries the
/// FINAL tag, so a file cut short fails to open (`CryptoError.streamIncomplete`) instead of
/// reading as a shorter document. The key travels only inside the dossier version record, which
/// is in a sealed batch of the dossier's scope (and, until the upload is recorded, in the
/// encrypted replica's pending uploads); the relay sees chunks and their hashes only.
public enum SealedFile {
    /// Seals the plaintext that `read(maxBytes)` hands over piece by piece (an empty piece ends
    /// it) under a new random key, handing each sealed chunk to `emit` in order. Memory stays at
    /// two plaintext chunks whatever the size. Throws `DossierError(.tooLarge)` past
    /// `DossierLimits.fileBytesMax`. Returns the key and the plaintext size.
    public static func seal(read: (Int) throws -> [UInt8], emit: ([UInt8]) throws -> Void) throws -> (key: SecureBytes, plainSize: Int64) {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        var pusher = try SecretStream.Pusher(key: key)
        var size = 0
        var piece = try read(DossierLimits.plainChunkBytes)
        var first = true
        repeat {
            size += piece.count
            guard size <= DossierLimits.fileBytesMax else {
                throw DossierError(.tooLarge, Text(fr: "le fichier dépasse la limite de \(DossierLimits.fileBytesMax / 1_048_576) Mio : découpez le dossier",
                                     en: "the file is over the \(DossierLimits.fileBytesMax / 1_048_576) MiB limit: split the dossier"))
            }
            let next = piece.isEmpty ? [] : try read(DossierLimits.plainChunkBytes)
            var sealed = pusher.push(piece, isFinal: next.isEmpty)
            piece.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }  // erase the plaintext copy
            if first { sealed = pusher.header + sealed }
            first = false
            try emit(sealed)
            piece = next
        } while !piece.isEmpty
        return (key, Int64(size))
    }

    /// The file's fingerprint: BLAKE2b-256 over its chunk hashes, recorded in the dossier
    /// version so a substituted manifest is refused before anything is decrypted.
    public static func fingerprint(chunkHashes: [[UInt8]]) -> [UInt8] {
        Hash.blake2b(chunkHashes.flatMap { $0 })
    }

    /// Opens `count` sealed chunks fetched one at a time by `fetch(index)` and hands each
    /// plaintext piece to `sink`: nothing decrypted is kept or written except by the sink the
    /// caller chose. Throws `CryptoError.authenticationFailed` for an altered, reordered or
    /// foreign chunk and `.streamIncomplete` for a file cut short.
    public static func open(count: Int, key: SecureBytes, fetch: (Int) async throws -> [UInt8],
                            sink: ([UInt8]) throws -> Void) async throws {
        guard count > 0 else { throw CryptoError(.streamIncomplete, Text(fr: "le fichier n'a aucun morceau : il est vide ou a été coupé ; téléchargez-le de nouveau",
            en: "the file has no chunk: it is empty or was cut short; download it again")) }
        let first = try await fetch(0)
        guard first.count >= SecretStream.headerLength else { throw CryptoError(.authenticationFailed, Text(fr: "le premier morceau du fichier est trop court pour contenir son en-tête : la copie est endommagée",
            en: "the file's first chunk is too short to hold its header: the copy is damaged")) }
        var puller = try SecretStream.Puller(key: key, header: Array(first[..<SecretStream.headerLength]))
        try sink(try puller.pull(Array(first[SecretStream.headerLength...])))
        for index in 1..<count {
            try sink(try puller.pull(try await fetch(index)))
        }
        try puller.finish()
    }
}

/// Where the plaintext of a new dossier version comes from.
public enum DossierSource: Sendable {
    /// Bytes in memory (short texts).
    case bytes([UInt8])
    /// A file on disk, read one chunk at a time.
    case file(URL)

    /// BLAKE2b-256 of the plaintext, read one chunk at a time (each copy erased once hashed).
    public func contentHash() throws -> [UInt8] {
        try reading { read in
            var hasher = Hash.Hasher()
            while true {
                var piece = try read(DossierLimits.plainChunkBytes)
                if piece.isEmpty { return hasher.finalize() }
                hasher.update(piece)
                piece.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
            }
        }
    }

    /// Calls `body` with a reader handing over at most the asked number of bytes per call (an
    /// empty piece at the end).
    func reading<T>(_ body: ((Int) throws -> [UInt8]) throws -> T) throws -> T {
        switch self {
        case .bytes(let bytes):
            var offset = 0
            return try body { count in
                let end = min(bytes.count, offset + count)
                defer { offset = end }
                return Array(bytes[offset..<end])
            }
        case .file(let url):
            let handle: FileHandle
            do { handle = try FileHandle(forReadingFrom: url) } catch {
                throw DossierError(.invalidArgument, Text(fr: "impossible de lire \(url.path) : vérifiez le chemin et ses droits",
                                     en: "cannot read \(url.path): check the path and its permissions"))
            }
            defer { try? handle.close() }
            return try body { count in [UInt8](try handle.read(upToCount: count) ?? Data()) }
        }
    }
}
