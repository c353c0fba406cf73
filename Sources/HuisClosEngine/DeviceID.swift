public import HuisClosCrypto

/// A device's Ed25519 public key held inline as four big-endian words: a plain value with no
/// reference counting, so timestamps (which carry one) copy and compare at the cost of integers.
///
/// Ordering is the byte order of the key (the last-writer-wins tie-break), since comparing the
/// words as big-endian integers compares the bytes lexicographically.
public struct DeviceID: Hashable, Comparable, Sendable {
    let w0, w1, w2, w3: UInt64

    /// The id of `key`.
    public init(_ key: SigningPublicKey) {
        (w0, w1, w2, w3) = key.bytes.withUnsafeBufferPointer { bytes in
            func word(_ at: Int) -> UInt64 { (at..<at + 8).reduce(UInt64(0)) { $0 << 8 | UInt64(bytes[$1]) } }
            return (word(0), word(8), word(16), word(24))
        }
    }

    /// The public key again (allocates: for storage and display, not for hot paths).
    public var publicKey: SigningPublicKey {
        do {
            return try SigningPublicKey(bytes: bytes)
        } catch {
            preconditionFailure("a DeviceID always holds 32 bytes")
        }
    }

    /// The 32 key bytes.
    var bytes: [UInt8] {
        [w0, w1, w2, w3].flatMap { word in (0..<8).reversed().map { UInt8(truncatingIfNeeded: word >> UInt64($0 * 8)) } }
    }

    /// Byte order of the keys.
    public static func < (lhs: DeviceID, rhs: DeviceID) -> Bool {
        (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
    }
}
