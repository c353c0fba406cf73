import HuisClosL10n
import HuisClosWire

/// The per-council storage quota (`RelayQuotas.councilStorageBytesMax`), checked before each
/// write by which a device or a visitor makes its council's data grow — a push, a file declaration,
/// a chunk not yet held, a consultation's contribution — so no council's devices nor a flood of
/// contributions can fill the disk the relay's councils share. Contributions, which anyone may
/// send, also stay within their share of the quota (`RelayQuotas.contributionsSharePercent`,
/// counted on their sealed bytes), so they never take the room the members' pushes need.
///
/// The figure is the storage's own (`ServerStorage.storedBytes`), read at each check: every
/// instance on one PostgreSQL database sees the same, and space freed counts at once. In one relay
/// process a check and its write are atomic: each check counts the bytes of the writes admitted
/// before it and not yet committed (`QuotaReservations`), while the checks' readings and the writes
/// themselves still run together (pushes keep their group commit). Several relay instances on one
/// PostgreSQL do not share their reservations: a check on one instance does not count what the
/// others have in flight, so writes at once on several instances may still pass the quota by that
/// much; the next write is refused.
struct CouncilQuota: Sendable {
    let storage: any ServerStorage
    let bytesMax: Int64
    let metrics: ServerMetrics
    /// The council's name in metrics (`default` for the default council).
    let council: String
    /// The share of `bytesMax`, in percent, contributions may fill.
    let contributionsSharePercent: Int
    /// The admitted writes in flight, shared by every copy of this council's quota.
    let reservations = QuotaReservations()
    /// The admitted contributions in flight (also counted in `reservations`).
    let contributionReservations = QuotaReservations()

    /// The bytes contributions may fill: `contributionsSharePercent` of `bytesMax`.
    var contributionBytesMax: Int64 { bytesMax / 100 * Int64(contributionsSharePercent) }

    /// Runs `write`, which stores a contribution of `incoming` sealed bytes, once they fit both the
    /// contributions' share (with the contributions stored and in flight) and the whole quota
    /// (`storing`); throws `councilQuotaExceeded`, running nothing, otherwise.
    func storingContribution<T>(_ incoming: Int, _ write: () async throws -> T) async throws -> T {
        let mark = await contributionReservations.mark()
        let stored = try await storage.storedContributionBytes()
        let (taken, reserved) = await contributionReservations.reserve(Int64(incoming), stored: stored, readAfter: mark, max: contributionBytesMax)
        guard reserved else {
            metrics.councilQuotaRefused(council: council)
            throw APIError(.councilQuotaExceeded, Text(
                fr: "les contributions aux consultations de ce conseil occupent \(taken) octets sur le relais, et \(incoming) de plus dépasseraient la part des contributions "
                    + "(\(contributionsSharePercent) % de son quota de \(bytesMax), la place des membres étant réservée) : rien n'a été stocké ; réessayez plus tard, "
                    + "ou le secrétariat relève les contributions et l'exploitant du relais relève --council-quota",
                en: "contributions to this council's consultations take \(taken) bytes on the relay, and \(incoming) more would pass the contributions' share "
                    + "(\(contributionsSharePercent) % of its quota of \(bytesMax), the rest kept for the members): nothing was stored; try again later, "
                    + "or the secretariat collects the contributions and the relay's operator raises --council-quota"))
        }
        do {
            let result = try await storing(incoming, write)
            await contributionReservations.release(Int64(incoming))
            return result
        } catch {
            await contributionReservations.release(Int64(incoming))
            throw error
        }
    }

    /// Runs `write`, which makes the council's data grow by `incoming` bytes, once they fit the
    /// quota with what is stored and in flight; throws `councilQuotaExceeded`, running nothing, otherwise.
    func storing<T>(_ incoming: Int, _ write: () async throws -> T) async throws -> T {
        guard incoming > 0 else { return try await write() }
        let mark = await reservations.mark()
        let stored = try await storage.storedBytes()
        metrics.councilStoredBytes(stored, quota: bytesMax, council: council)
        let (taken, reserved) = await reservations.reserve(Int64(incoming), stored: stored, readAfter: mark, max: bytesMax)
        guard reserved else {
            metrics.councilQuotaRefused(council: council)
            throw APIError(.councilQuotaExceeded, Text(
                fr: "les données de ce conseil occupent \(taken) octets sur le relais, et \(incoming) de plus dépasseraient son quota de \(bytesMax) : "
                    + "rien n'a été stocké ; l'exploitant du relais relève --council-quota (ou libère de la place), puis synchronisez de nouveau",
                en: "this council's data takes \(taken) bytes on the relay, and \(incoming) more would pass "
                    + "its quota of \(bytesMax): nothing was stored; the relay's operator raises --council-quota (or frees space), then sync again"))
        }
        do {
            let result = try await write()
            await reservations.release(Int64(incoming))
            return result
        } catch {
            await reservations.release(Int64(incoming))
            throw error
        }
    }
}
