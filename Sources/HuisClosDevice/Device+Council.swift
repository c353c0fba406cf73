import Foundation
import HuisClosCouncilStore

extension Device {
    /// The relay's arrival times of the batches this device pulled (`BatchArrivals`).
    public nonisolated var arrivals: BatchArrivals { BatchArrivals(database: store.database) }

    /// The council records of this device's replica, tied to the device: stamped with its clock,
    /// refused past its offline lease (like `commit`), checked against who may write what
    /// (`CouncilWriteRules`, which the device's authorizer applies again to every batch it
    /// merges), and shown with the relay's arrival times.
    public nonisolated var council: CouncilStore {
        let context = self.context
        let lease = self.lease
        let arrivals = self.arrivals
        return CouncilStore(store: store, nowMs: { Int64(context.now().timeIntervalSince1970 * 1000) },
                            link: CouncilDeviceLink(membership: { context.membership }, checkWrite: { try lease.check() },
                                                    serverTime: { try arrivals.serverTime(of: $0, in: $1) }))
    }
}
