import HuisClosL10n
import Synchronization

/// The offline lease's write check, shared by every writer of the device — `Device.commit`, file
/// sealing, and the council records (`Device.council`), which write from outside the actor.
///
/// A device unlocked past its lease (`Device.unlock(toSync: true)`) may only sync: every write is
/// refused until a sync succeeds, so a lost device cannot keep adding signed records offline.
final class WriteLease: Sendable {
    private let expired: Atomic<Bool>

    /// A lease expired or not.
    init(expired: Bool) { self.expired = Atomic(expired) }

    /// True while only syncing is allowed.
    var isExpired: Bool {
        get { expired.load(ordering: .acquiring) }
        set { expired.store(newValue, ordering: .releasing) }
    }

    /// Throws `DeviceError.leaseExpired` while the lease is expired.
    func check() throws {
        guard !isExpired else { throw DeviceError(.leaseExpired, Text(fr: "le bail hors ligne de cet appareil a expiré : synchronisez avant d'écrire", en: "this device's offline lease expired: sync before writing")) }
    }
}
