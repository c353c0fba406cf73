import Foundation
import GRDB
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

extension Device {
    /// Starts the next key epoch of `scope` from this device (it must write the scope): the
    /// epoch record goes to the log, the new key sealed to every device the log entitles now, the
    /// previous key under the new one. Whoever left the scope receives nothing new.
    /// If another device's record reaches the relay first, the epoch is issued again on the newer log.
    public func startEpoch(of scope: ScopeID, reason: EpochReason) async throws {
        var attempt = 0
        var epoch: (rotation: EpochRotation, keyring: ScopeKeyring)
        repeat {
            attempt += 1
            epoch = try issueEpoch(of: scope, reason: reason)
        } while try await !relay(epoch.rotation.record, attempt: attempt)
        let rotation = epoch.rotation
        try await relayed([rotation.record])
        let issued = epoch.keyring
        try context.update { log, ring in
            ring = issued
            ring.observe(log.state)
        }
        try await drop(rotation.sealedKeys, links: rotation.link.map { [$0] } ?? [])
    }

    /// The next epoch of `scope` on this device's current log, with the keyring that holds its key.
    private func issueEpoch(of scope: ScopeID, reason: EpochReason) throws -> (rotation: EpochRotation, keyring: ScopeKeyring) {
        var log = context.log
        var keyring = context.keyring
        do {
            let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: reason, log: &log, keyring: &keyring, at: context.instant)
            return (rotation, keyring)
        } catch {
            throw DeviceError(error.code == .keyUnavailable ? .keyUnavailable : .notAuthorised,
                              "cannot start a key epoch of \(scope): \(error.message)")
        }
    }

    /// Hands out held keys: for each scope this device writes, seals the current epoch's key to
    /// every entitled device it has not sealed it to yet; on the secretariat's devices, also
    /// starts a new epoch where someone left (`needsRotation`).
    func shareKeysIfDue() async throws {
        let state = context.membership
        let instant = context.instant
        let me = certificate.signingKey
        let isSecretariat = state.role(of: member, at: instant) == .secretariat
        for scope in state.writableScopes(of: me, at: instant) where scope != .public {
            // Epochs are started by the secretariat, and by each member for their own private scope.
            if isSecretariat || scope == member.privateScope, state.currentEpoch(of: scope) == nil || state.needsRotation(scope, at: instant) {
                try await startEpoch(of: scope, reason: state.currentEpoch(of: scope) == nil ? .initial : .memberRemoved)
                continue
            }
            guard let epoch = state.currentEpoch(of: scope), context.keyring.heldEpochs(of: scope).contains(epoch) else { continue }
            let done = try await replica.database.read { db in try DeviceVault.shared(scope: scope, epoch: epoch, in: db) }
            let missing = state.entitledDevices(to: scope, at: instant).filter { !done.contains($0.signingKey.bytes) }
            guard !missing.isEmpty else { continue }
            let sealed = try ScopeKeyIssuer.share(scope: scope, epoch: epoch, with: missing, keyring: context.keyring)
            try await drop(sealed, links: [])
        }
    }

    /// Leaves sealed keys and links with the relay, keeps this device's own copy, and notes who has them.
    func drop(_ sealed: [SealedScopeKey], links: [KeyChainLink]) async throws {
        try await client.dropKeys(sealed: sealed.map(\.encoded), links: links.map(\.encoded))
        let acceptedAt = context.instant.unixSeconds
        let own = sealed.filter { $0.recipient == certificate.signingKey }
        try await replica.database.write { db in
            for key in own { try DeviceVault.keep(sealedKey: key.encoded, acceptedAt: acceptedAt, in: db) }
            for link in links { try DeviceVault.keep(link: link.encoded, in: db) }
            for key in sealed {
                try DeviceVault.markShared(scope: key.scope, epoch: key.epoch, recipients: [key.recipient], in: db)
            }
        }
    }
}
