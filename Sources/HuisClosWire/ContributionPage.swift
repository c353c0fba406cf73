import HuisClosL10n
import HuisClosProtocol

/// A page of a consultation's sealed contributions, as the relay sends it to a member's device
/// (`GET /v1/consultations/<id>/contributions?after=N`; PROTOCOL.md, "Consultations").
///
/// Canonical encoding, decoded strictly: magic `48 43 43 01` ("HCC", version 1), count (u32),
/// then per contribution: position (u64), arrival (u64, Unix ms of the relay's clock), length
/// (u32, ≤ `WireLimits.contributionBytesMax`), the sealed box. Integers big-endian, no trailing bytes.
public struct ContributionPage: Sendable, Equatable {
    /// One sealed contribution and where it sits in the consultation's mailbox.
    public struct Entry: Sendable, Equatable {
        /// Its position in the mailbox, from 1.
        public let position: UInt64
        /// When the relay received it (Unix ms).
        public let receivedAtMs: UInt64
        /// The sealed box (libsodium `crypto_box_seal`), opaque to the relay.
        public let sealed: [UInt8]

        public init(position: UInt64, receivedAtMs: UInt64, sealed: [UInt8]) {
            self.position = position
            self.receivedAtMs = receivedAtMs
            self.sealed = sealed
        }
    }

    static let magic: [UInt8] = [0x48, 0x43, 0x43, 0x01]

    /// The contributions, by position.
    public let entries: [Entry]

    public init(entries: [Entry]) { self.entries = entries }

    /// The canonical bytes.
    public var bytes: [UInt8] {
        var out = Self.magic
        Self.append(UInt64(entries.count), bytes: 4, to: &out)
        for entry in entries {
            Self.append(entry.position, bytes: 8, to: &out)
            Self.append(entry.receivedAtMs, bytes: 8, to: &out)
            Self.append(UInt64(entry.sealed.count), bytes: 4, to: &out)
            out += entry.sealed
        }
        return out
    }

    /// Decodes `bytes` strictly; anything else is `malformed`, never a trap.
    public init(decoding bytes: [UInt8]) throws(APIError) {
        var index = 0
        func take(_ count: Int) throws(APIError) -> ArraySlice<UInt8> {
            guard count >= 0, bytes.count - index >= count else {
                throw APIError(.malformed, Text(fr: "une page de contributions s'arrête avant sa fin : demandez-la à nouveau",
                                             en: "a contribution page ends early: fetch it again"))
            }
            defer { index += count }
            return bytes[index..<(index + count)]
        }
        func integer(_ count: Int) throws(APIError) -> UInt64 {
            try take(count).reduce(0) { $0 << 8 | UInt64($1) }
        }
        guard Array(try take(4)) == Self.magic else { throw APIError(.malformed, Text(fr: "ce n'est pas une page de contributions (mauvais en-tête)",
                                                                                           en: "not a contribution page (wrong magic)")) }
        let count = try integer(4)
        guard count <= UInt64(WireLimits.contributionsPerPageMax) else {
            throw APIError(.malformed, Text(fr: "une page de contributions en contient au plus \(WireLimits.contributionsPerPageMax)",
                                         en: "a contribution page holds at most \(WireLimits.contributionsPerPageMax) contributions"))
        }
        var entries: [Entry] = []
        for _ in 0..<count {
            let position = try integer(8)
            let received = try integer(8)
            let length = try integer(4)
            guard length <= UInt64(WireLimits.contributionBytesMax) else {
                throw APIError(.malformed, Text(fr: "une contribution scellée fait au plus \(WireLimits.contributionBytesMax) octets",
                                             en: "a sealed contribution is at most \(WireLimits.contributionBytesMax) bytes"))
            }
            entries.append(Entry(position: position, receivedAtMs: received, sealed: Array(try take(Int(length)))))
        }
        guard index == bytes.count else { throw APIError(.malformed, Text(fr: "une page de contributions a des octets en trop après sa fin",
                                                                 en: "a contribution page has trailing bytes")) }
        self.entries = entries
    }

    private static func append(_ value: UInt64, bytes count: Int, to out: inout [UInt8]) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
