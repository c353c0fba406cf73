import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTrust

extension Device {
    /// Gives the relay back the records of this device's verified membership log that it lost (a
    /// relay restored from an older backup, or a damaged WAL): each is signed, so the relay
    /// verifies them as it did the first time, and a revocation or key rotation it had forgotten
    /// holds again. Returns how many. Throws when the relay's log is not a beginning of this
    /// device's (it took other records since the loss: a fork only the secretariat can resolve).
    func restoreLog() async throws -> Int {
        let (relayed, _) = try await client.pullMembership(from: 0)
        let held = context.log.records.map(\.encoded)
        guard relayed.count < held.count, Array(held.prefix(relayed.count)) == relayed else {
            throw DeviceError(.untrustedLog, Text(
                fr: "le registre des membres du serveur (\(relayed.count) enregistrements) n'est pas celui que cet appareil a vérifié "
                    + "(\(held.count) enregistrements) : le serveur a été restauré d'une sauvegarde et a pris d'autres enregistrements depuis. "
                    + "Rien n'a changé sur cet appareil ; prévenez le secrétariat",
                en: "the server's membership log (\(relayed.count) records) is not the one this device verified "
                    + "(\(held.count) records): the server was restored from a backup and took other records since. Nothing "
                    + "was changed on this device; tell the secretariat"))
        }
        for start in stride(from: relayed.count, to: held.count, by: WireLimits.pushBatchesMax) {
            try await client.appendMembership(Array(held[start..<min(start + WireLimits.pushBatchesMax, held.count)]))
        }
        return held.count - relayed.count
    }
}
