import HuisClosCrypto

/// A file chunk whose bytes were checked to hash to `hash` (BLAKE2b-256, compared in constant
/// time). Made only by that check, so a holder keeps or writes it without hashing 1 MiB again.
public struct VerifiedChunk: Sendable, Equatable {
    /// The chunk as received.
    public let bytes: [UInt8]
    /// Its BLAKE2b-256.
    public let hash: [UInt8]

    /// `bytes` if they hash to `hash`; nil otherwise.
    public init?(bytes: [UInt8], hash: [UInt8]) {
        guard Sodium.constantTimeEqual(Hash.blake2b(bytes), hash) else { return nil }
        self.bytes = bytes
        self.hash = hash
    }
}
