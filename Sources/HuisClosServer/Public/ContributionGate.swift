import Foundation
import HuisClosCrypto
import HuisClosPublication
import Synchronization

/// The public form's anti-abuse gate, in memory only (nothing about a visitor is written): the
/// puzzle's key drawn at start, the challenges already used (until they expire), and the
/// contributions counted per source address per hour.
///
/// A restart forgets all three: challenges issued before it no longer verify (the visitor reloads
/// the form) and the counts start again. Instances of one deployment do not share them: behind a
/// load balancer, a form must be sent back to the instance that served it (PROTOCOL.md).
final class ContributionGate: Sendable {
    private let puzzle: ContributionPuzzle
    /// Used challenges and when each expires (seconds since 1970).
    private let used = Mutex<[String: Int64]>([:])
    private let counts = RateLimiter(windowSeconds: ServerLimits.contributionWindowSeconds)

    /// A gate with a fresh random key.
    init() throws {
        puzzle = ContributionPuzzle(key: try Sodium.randomBytes(32))
    }

    /// A fresh challenge for a form of `consultation`.
    func challenge(for consultation: String, now: Date) throws -> String {
        puzzle.challenge(for: consultation, now: Int64(now.timeIntervalSince1970), random: try Sodium.randomBytes(16))
    }

    /// Counts one submission from `source` (or a device); false when it already sent `max` this hour.
    func count(_ source: String, max: Int, now: Date) -> Bool {
        counts.take(source, max: max, now: now)
    }

    /// Accepts `challenge` with `proof` once: true and remembered as used, or false (forged,
    /// stale, reused, unsolved before the no-script wait, or too many remembered).
    func admit(_ challenge: String, proof: String?, consultation: String, now: Date) -> Bool {
        let seconds = Int64(now.timeIntervalSince1970)
        guard case let .accepted(expiresAt) = puzzle.check(challenge, proof: proof, consultation: consultation, now: seconds) else { return false }
        return used.withLock { used in
            guard used[challenge] == nil else { return false }
            if used.count >= ServerLimits.usedChallengesMax { used = used.filter { $0.value > seconds } }
            guard used.count < ServerLimits.usedChallengesMax else { return false }
            used[challenge] = expiresAt
            return true
        }
    }
}
