import HuisClosL10n
import HuisClosWire

/// The per-council storage quota (`RelayQuotas.councilStorageBytesMax`), checked before each
/// write by which a device or a visitor makes its council's data grow — a push, a file declaration,
/// a chunk not yet held, a consultation's contribution — so no council's devices nor a flood of
/// contributions can fill the disk the relay's councils share.
///
/// The figure is the storage's own (`ServerStorage.storedBytes`), read at each check: every
/// instance on one PostgreSQL database sees the same, and space freed counts at once. A check and
/// its write are not one transaction, so concurrent writes may pass the quota by what they carry
/// (at most a few pushes of 8 MiB); the next write is refused.
struct CouncilQuota: Sendable {
    let storage: any ServerStorage
    let bytesMax: Int64
    let metrics: ServerMetrics
    /// The council's name in metrics (`default` for the default council).
    let council: String

    /// Throws `councilQuotaExceeded` when the council's data and `incoming` bytes would pass the quota.
    func admit(incoming: Int) async throws {
        let stored = try await storage.storedBytes()
        metrics.councilStoredBytes(stored, quota: bytesMax, council: council)
        guard stored + Int64(incoming) <= bytesMax else {
            metrics.councilQuotaRefused(council: council)
            throw APIError(.councilQuotaExceeded, Text(
                fr: "les données de ce conseil occupent \(stored) octets sur le relais, et \(incoming) de plus dépasseraient son quota de \(bytesMax) : "
                    + "rien n'a été stocké ; l'exploitant du relais relève --council-quota (ou libère de la place), puis synchronisez de nouveau",
                en: "this council's data takes \(stored) bytes on the relay, and \(incoming) more would pass "
                    + "its quota of \(bytesMax): nothing was stored; the relay's operator raises --council-quota (or frees space), then sync again"))
        }
    }
}
