import Foundation
import GRDB
import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
import HuisClosReplica
import HuisClosSync
public import HuisClosTrust

extension Device {
    /// Starts the next key epoch of `scope` from this device (it must hold the scope's authority,
    /// `MembershipState.mayStartEpoch`): the epoch record goes to the log with the new key sealed
    /// to this device and the newest held key under the new one; the new key is sealed to every
    /// device the log entitles now. Whoever left the scope receives nothing new.
    /// If another device's record reaches the relay first, the epoch is issued again on the newer
    /// log — unless that newer log already starts a new epoch of `scope` (the secretariat and the
    /// president both rotate a shared scope at their sync): that epoch stands, and none is added.
    public func startEpoch(of scope: ScopeID, reason: EpochReason) async throws {
        try await serially {
            _ = try await settleOutbound()
            let seen = context.membership.currentEpoch(of: scope)
            var attempt = 0
            var epoch: (rotation: EpochRotation, keyring: ScopeKeyring)
            repeat {
                attempt += 1
                if attempt > 1, context.membership.currentEpoch(of: scope) != seen { return }
                epoch = try issueEpoch(of: scope, reason: reason, at: try await nextRecordInstant())
            } while try await !relay(epoch.rotation.record, attempt: attempt)
            let rotation = epoch.rotation
            try await relayed([rotation.record])
            let issued = epoch.keyring
            try context.update { log, ring in
                ring = issued
                ring.observe(log.state)
            }
            try await drop(rotation.sealedKeys)
        }
    }

    /// The next epoch of `scope` on this device's current log, with the keyring that holds its key.
    private func issueEpoch(of scope: ScopeID, reason: EpochReason, at instant: Instant) throws -> (rotation: EpochRotation, keyring: ScopeKeyring) {
        var log = context.log
        var keyring = context.keyring
        do {
            let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: reason, log: &log, keyring: &keyring, at: instant)
            return (rotation, keyring)
        } catch {
            throw DeviceError(error.code == .keyUnavailable ? .keyUnavailable : .notAuthorised,
                              Text(fr: "impossible d'ouvrir une nouvelle clé pour \(scope) : \(error.text.french)",
                                   en: "cannot start a key epoch of \(scope): \(error.text.english)"))
        }
    }

    /// Hands out held keys: for each scope this device writes, seals the current epoch's key to
    /// every entitled device it has not sealed it to yet (with any older held key a broken chain
    /// link would keep from them). Where this device holds the scope's
    /// authority (`mayStartEpoch`), it also starts a new epoch when the scope has none, when
    /// someone left (`needsRotation`), or when the current epoch is dangling (`isDangling`).
    func shareKeysIfDue() async throws {
        // Decided inside the gate: two syncs at once would each start the epoch a removal calls for.
        try await serially {
            let state = context.membership
            let instant = context.readingInstant
            let me = certificate.signingKey
            for scope in state.writableScopes(of: me, at: instant) where scope != .public {
                // A device holding no key of a keyed scope could not link a new epoch to its history: it waits for one.
                if state.mayStartEpoch(device: me, scope: scope, at: instant),
                   state.currentEpoch(of: scope) == nil || !context.keyring.heldEpochs(of: scope).isEmpty {
                    let reason: EpochReason? = state.currentEpoch(of: scope) == nil ? .initial
                        : state.needsRotation(scope, at: instant) ? .memberRemoved
                        : isDangling(scope, state: state, at: instant) ? .scheduled : nil
                    if let reason {
                        try await startEpoch(of: scope, reason: reason)
                        continue
                    }
                }
                guard let epoch = state.currentEpoch(of: scope), context.keyring.heldEpochs(of: scope).contains(epoch) else { continue }
                let done = try await database.read { db in try DeviceVault.shared(scope: scope, epoch: epoch, in: db) }
                let missing = state.entitledDevices(to: scope, at: instant).filter { !done.contains($0.signingKey.bytes) }
                guard !missing.isEmpty else { continue }
                let keyring = context.keyring
                var sealed = try ScopeKeyIssuer.share(scope: scope, epoch: epoch, with: missing, keyring: keyring)
                // Older keys the newcomers could not reach down the log's links (a broken link) go to them directly.
                for older in keyring.epochsOffTheChain(of: scope, from: epoch, membership: state) {
                    sealed += try ScopeKeyIssuer.share(scope: scope, epoch: older, with: missing, keyring: keyring)
                }
                try await drop(sealed)
            }
        }
    }

    /// True when the current epoch of `scope` is dangling for this device: this device was entitled
    /// when the epoch started (so an honest starter sealed the key to it at once), yet the key has
    /// not reached it `TrustLimits.danglingEpochGraceSeconds` later, while it holds an older
    /// epoch's key to link a replacement from. A device entitled only since waits for a share.
    private func isDangling(_ scope: ScopeID, state: MembershipState, at instant: Instant) -> Bool {
        guard let current = state.startedEpochs(of: scope).last, let newestHeld = context.keyring.heldEpochs(of: scope).last,
              newestHeld < current.epoch, state.mayRead(device: certificate.signingKey, scope: scope, at: current.startedAt) else { return false }
        return instant.unixSeconds - current.startedAt.unixSeconds >= TrustLimits.danglingEpochGraceSeconds
    }

    /// Leaves sealed keys with the relay, keeps this device's own copy, and notes who has them.
    func drop(_ sealed: [SealedScopeKey]) async throws {
        try await client.dropKeys(sealed: sealed.map(\.encoded))
        let acceptedAt = context.readingInstant.unixSeconds
        let own = sealed.filter { $0.recipient == certificate.signingKey }
        try await database.write { db in
            for key in own { try DeviceVault.keep(sealedKey: key.encoded, acceptedAt: acceptedAt, in: db) }
            for key in sealed {
                try DeviceVault.markShared(scope: key.scope, epoch: key.epoch, recipients: [key.recipient], in: db)
            }
        }
    }
}
