import HuisClosProtocol
import HuisClosSync
public import HuisClosTrust

extension Device {
    /// Runs a membership change built by a domain layer (a working group created, a hearing
    /// opened or closed) on copies of this device's verified log and keyring, at the date of its
    /// next record (`nextRecordInstant`); if `change` returns without throwing, relays every record it appended, keeps them and
    /// the new keyring, and hands out the sealed keys and link of the epoch it started (if any).
    ///
    /// The log's newest records are pulled and verified first, so the change extends the relay's
    /// head (another device may have appended since this one last synced). Nothing is kept or sent
    /// when `change` throws. Returns the epoch rotation, or nil when the change started none (its
    /// records, if any, are relayed all the same).
    @discardableResult
    public func changeMembership(
        _ change: (inout MembershipLog, inout ScopeKeyring, Instant) throws -> EpochRotation?
    ) async throws -> EpochRotation? {
        try await Self.$signsForACommand.withValue(true) { try await serially {
            let instant = try await beforeSigning {
                _ = try await pullMembership()
                return try await nextRecordInstant()
            }
            var log = context.log
            var keyring = context.keyring
            let before = log.records.count
            let rotation = try change(&log, &keyring, instant)
            let added = Array(log.records[before...])
            guard !added.isEmpty else { return rotation }
            try await send(added)
            try await relayed(added)
            let issued = keyring
            try context.update { log, ring in
                ring = issued
                ring.observe(log.state)
            }
            if let rotation { try await drop(rotation.sealedKeys) }
            return rotation
        } }
    }
}
