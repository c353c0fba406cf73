import CSodium
import HuisClosL10n

/// Chunked authenticated encryption of files (`crypto_secretstream_xchacha20poly1305`).
///
/// A file is a header (24 random bytes) then sealed chunks, each `plaintext + overhead` bytes. Each
/// chunk is bound to its position in the stream, so a dropped, repeated or reordered chunk fails to
/// open; the last chunk carries the FINAL tag, and a reader that reaches the end of its input
/// without it must throw (`Puller.finish()`), because a truncated file would otherwise look whole.
/// Only the MESSAGE and FINAL tags are ever written; any other tag is refused on reading.
public enum SecretStream {
    /// A stream key is 32 bytes (one random key per file).
    public static let keyLength = Int(crypto_secretstream_xchacha20poly1305_keybytes())
    /// The header written before the first chunk.
    public static let headerLength = Int(crypto_secretstream_xchacha20poly1305_headerbytes())
    /// Bytes each sealed chunk adds to its plaintext (tag byte + MAC).
    public static let overhead = Int(crypto_secretstream_xchacha20poly1305_abytes())

    private static let tagMessage = UInt8(crypto_secretstream_xchacha20poly1305_tag_message())
    private static let tagFinal = UInt8(crypto_secretstream_xchacha20poly1305_tag_final())

    /// Encrypts a file chunk by chunk. The state (which holds key material) lives in guarded memory.
    public struct Pusher: ~Copyable {
        private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>
        private var finished = false
        /// The stream header: store or send it before the first chunk.
        public let header: [UInt8]

        /// Starts a stream under `key` (32 bytes).
        public init(key: SecureBytes) throws(CryptoError) {
            guard key.count == SecretStream.keyLength else {
                throw CryptoError(.invalidLength, Text(fr: "une clé de flux fait \(SecretStream.keyLength) octets, reçu \(key.count)",
                    en: "a stream key is \(SecretStream.keyLength) bytes, got \(key.count)"))
            }
            let state = try SecretStream.allocateState()
            var header = [UInt8](repeating: 0, count: SecretStream.headerLength)
            let rc = key.withUnsafeBytes { k in
                crypto_secretstream_xchacha20poly1305_init_push(state, &header, k.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            precondition(rc == 0, "crypto_secretstream_xchacha20poly1305_init_push cannot fail with a valid key")
            self.state = state
            self.header = header
        }

        /// Seals the next chunk; `isFinal` marks the last one (exactly one chunk per stream is final).
        public mutating func push(_ chunk: some ByteView, isFinal: Bool,
                                  associatedData: some ByteView = [UInt8]()) -> [UInt8] {
            precondition(!finished, "no chunk may follow the final chunk of a stream")
            finished = isFinal
            let plainCount = chunk.withUnsafeBytes { $0.count }
            var output = [UInt8](repeating: 0, count: plainCount + SecretStream.overhead)
            let rc = chunk.withUnsafeBytes { c in
                associatedData.withUnsafeBytes { ad in
                    crypto_secretstream_xchacha20poly1305_push(
                        state, &output, nil, c.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(plainCount),
                        ad.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(ad.count),
                        isFinal ? SecretStream.tagFinal : SecretStream.tagMessage)
                }
            }
            precondition(rc == 0, "crypto_secretstream_xchacha20poly1305_push cannot fail below its maximum message size")
            return output
        }

        deinit { sodium_free(state) }
    }

    /// Decrypts a file chunk by chunk and insists on seeing its final chunk.
    public struct Puller: ~Copyable {
        private let state: UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state>
        /// True once the FINAL chunk has been opened; nothing may follow it.
        public private(set) var isFinished = false

        /// Starts reading a stream written under `key` with this `header`.
        public init(key: SecureBytes, header: some ByteView) throws(CryptoError) {
            guard key.count == SecretStream.keyLength else {
                throw CryptoError(.invalidLength, Text(fr: "une clé de flux fait \(SecretStream.keyLength) octets, reçu \(key.count)",
                    en: "a stream key is \(SecretStream.keyLength) bytes, got \(key.count)"))
            }
            guard header.withUnsafeBytes({ $0.count }) == SecretStream.headerLength else {
                throw CryptoError(.invalidLength, Text(fr: "un en-tête de flux fait \(SecretStream.headerLength) octets : le fichier est endommagé",
                    en: "a stream header is \(SecretStream.headerLength) bytes: the file is damaged"))
            }
            let state = try SecretStream.allocateState()
            let rc = key.withUnsafeBytes { k in
                header.withUnsafeBytes { h in
                    crypto_secretstream_xchacha20poly1305_init_pull(state, h.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                                                     k.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
            }
            guard rc == 0 else {
                sodium_free(state)
                throw CryptoError(.authenticationFailed, Text(fr: "l'en-tête du flux est refusé : le fichier est endommagé",
                    en: "the stream header was refused: the file is damaged"))
            }
            self.state = state
        }

        /// Opens the next chunk; throws `.authenticationFailed` if it is altered, out of order, from
        /// another stream, or follows the final chunk.
        public mutating func pull(_ sealed: some ByteView, associatedData: some ByteView = [UInt8]()) throws(CryptoError) -> [UInt8] {
            guard !isFinished else {
                throw CryptoError(.authenticationFailed, Text(fr: "des données suivent le dernier morceau du flux : le fichier a été modifié",
                    en: "data follows the final chunk of the stream: the file was tampered with"))
            }
            let sealedCount = sealed.withUnsafeBytes { $0.count }
            guard sealedCount >= SecretStream.overhead else {
                throw CryptoError(.authenticationFailed, Text(fr: "un morceau de flux de \(sealedCount) octets est plus court que son surcoût de chiffrement",
                    en: "a stream chunk of \(sealedCount) bytes is shorter than its overhead"))
            }
            var output = [UInt8](repeating: 0, count: sealedCount - SecretStream.overhead)
            var tag: UInt8 = 0
            let rc = sealed.withUnsafeBytes { c in
                associatedData.withUnsafeBytes { ad in
                    crypto_secretstream_xchacha20poly1305_pull(
                        state, &output, nil, &tag, c.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt64(sealedCount),
                        ad.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(ad.count))
                }
            }
            guard rc == 0 else {
                throw CryptoError(.authenticationFailed, Text(fr: "un morceau du flux ne s'ouvre pas : modifié, supprimé, déplacé ou venu d'un autre fichier",
                    en: "stream chunk does not open: altered, dropped, reordered, or from another file"))
            }
            guard tag == SecretStream.tagMessage || tag == SecretStream.tagFinal else {
                output.wipe()
                throw CryptoError(.authenticationFailed, Text(fr: "un morceau du flux porte l'étiquette \(tag), que HuisClos n'écrit jamais",
                    en: "stream chunk carries tag \(tag), which HuisClos never writes"))
            }
            isFinished = tag == SecretStream.tagFinal
            return output
        }

        /// Call at the end of the input: throws `.streamIncomplete` unless the final chunk was read,
        /// so a truncated file is never taken for a whole one.
        public func finish() throws(CryptoError) {
            guard isFinished else {
                throw CryptoError(.streamIncomplete, Text(fr: "le fichier s'arrête avant son dernier morceau : il a été tronqué ; téléchargez-le de nouveau",
                    en: "the file ended before its final chunk: it was truncated; fetch it again"))
            }
        }

        deinit { sodium_free(state) }
    }

    /// Guarded memory for a stream state (it holds the derived key), freed and zeroed by `deinit`.
    private static func allocateState() throws(CryptoError) -> UnsafeMutablePointer<crypto_secretstream_xchacha20poly1305_state> {
        try Sodium.ensureReady()
        guard let raw = sodium_malloc(crypto_secretstream_xchacha20poly1305_statebytes()) else {
            throw CryptoError(.outOfSecureMemory, Text(fr: "impossible d'allouer l'état d'un flux en mémoire protégée ; relevez RLIMIT_MEMLOCK",
                en: "could not allocate a stream state in guarded memory; raise RLIMIT_MEMLOCK"))
        }
        return raw.bindMemory(to: crypto_secretstream_xchacha20poly1305_state.self, capacity: 1)
    }
}
