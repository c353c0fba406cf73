import HuisClosCrypto
import HuisClosWire

/// The public form's anti-abuse check, with no third party and nothing about the visitor kept:
/// a hashcash-like puzzle the page's small script solves in a second or two, or — for a visitor
/// without JavaScript — a wait between opening the form and sending it.
///
/// The relay issues a challenge with each form: `<consultation>.<issued at>.<random>.<MAC>`, the
/// MAC a keyed BLAKE2b under a secret the relay draws at start and keeps in memory (so challenges
/// need no storage until used). A submission is accepted with a proof — a decimal number `n` such
/// that SHA-256(`challenge:n`) starts with `difficultyBits` zero bits — or, without one, once the
/// challenge is `noScriptWaitSeconds` old. Either way a challenge serves once (`ContributionGate`
/// remembers the used ones until they expire) and for at most `lifetimeSeconds`.
public struct ContributionPuzzle: Sendable {
    /// Leading zero bits the proof's SHA-256 needs: 2^16 hashes on average, about a second in a
    /// browser. A whole number of bytes: the page's script tests bytes.
    public static let difficultyBits = 16
    /// How long a challenge serves: time to write a contribution.
    public static let lifetimeSeconds: Int64 = 2 * 3600
    /// The wait that stands in for the proof without JavaScript: a human takes longer to write.
    public static let noScriptWaitSeconds: Int64 = 60

    private let key: [UInt8]

    /// A puzzle keyed with `key` (32 random bytes, drawn by the relay at start).
    public init(key: [UInt8]) {
        precondition(key.count == 32, "the challenge MAC key is 32 bytes")
        self.key = key
    }

    /// A challenge for `consultation` issued at `now` (seconds since 1970), with 16 random bytes.
    public func challenge(for consultation: String, now: Int64, random: [UInt8]) -> String {
        let body = "\(consultation).\(now).\(Hex.encode(random))"
        return body + "." + mac(body)
    }

    /// What a challenge allows.
    public enum Verdict: Sendable, Equatable {
        /// Accepted; the challenge must now be remembered as used until `expiresAt`.
        case accepted(expiresAt: Int64)
        /// Refused: forged, for another consultation, expired, or neither solved nor old enough.
        case refused
    }

    /// Checks `challenge` and `proof` (nil or empty without JavaScript) for `consultation` at `now`.
    public func check(_ challenge: String, proof: String?, consultation: String, now: Int64) -> Verdict {
        let parts = challenge.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == consultation, let issued = Int64(parts[1]), parts[2].utf8.count == 32,
              let given = Hex.decode(String(parts[3])),
              Sodium.constantTimeEqual(given, Hex.decode(mac(parts[0...2].joined(separator: "."))) ?? []) else { return .refused }
        let age = now - issued
        guard age >= 0, age <= Self.lifetimeSeconds else { return .refused }
        let solved = proof.map { !$0.isEmpty && Self.isSolution($0, of: challenge) } ?? false
        guard solved || age >= Self.noScriptWaitSeconds else { return .refused }
        return .accepted(expiresAt: issued + Self.lifetimeSeconds)
    }

    /// True when `proof` (decimal digits, at most 12) solves `challenge`.
    public static func isSolution(_ proof: String, of challenge: String) -> Bool {
        guard (1...12).contains(proof.utf8.count), proof.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        return leadingZeroBits(SHA2.sha256(Array("\(challenge):\(proof)".utf8))) >= difficultyBits
    }

    /// The smallest proof of `challenge` (what the page's script computes; the tests too).
    public static func solve(_ challenge: String) -> String {
        var counter = 0
        while !isSolution(String(counter), of: challenge) { counter += 1 }
        return String(counter)
    }

    private func mac(_ body: some StringProtocol) -> String {
        Hex.encode(Hash.blake2b(Array(body.utf8), key: key))
    }

    private static func leadingZeroBits(_ digest: [UInt8]) -> Int {
        var bits = 0
        for byte in digest {
            if byte == 0 { bits += 8; continue }
            return bits + byte.leadingZeroBitCount
        }
        return bits
    }
}
