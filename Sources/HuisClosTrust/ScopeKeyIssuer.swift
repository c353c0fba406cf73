import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// What starting a key epoch produces, for the sync layer to send: the epoch record for the
/// membership log (carrying the key sealed to its starter and the key-chain link), and one sealed
/// key per entitled device.
public struct EpochRotation: Sendable {
    /// The signed `startEpoch` record, already applied to the issuer's log; relay its `encoded` bytes.
    public let record: MembershipRecord
    /// The new key sealed to every device entitled at the rotation (the issuer's own included).
    public let sealedKeys: [SealedScopeKey]
    /// The link the record carries: an older epoch's key sealed under the new one; nil for epoch 1.
    public let link: KeyChainLink?
}

/// Creates and hands out scope keys from a device allowed to start the scope's epochs.
///
/// Rotation is what makes removal mean something: after someone leaves a scope or a device is
/// revoked, `MembershipState.needsRotation` turns true and an entitled device calls `startEpoch`;
/// the new key reaches only devices the log entitles now, so the party that left never holds it.
public enum ScopeKeyIssuer {
    /// Starts the next epoch of `scope`: a fresh key, its commitment recorded in the log (signed by
    /// this device) with the key sealed to this device and a link from the newest epoch whose key
    /// it holds, then sealed to every entitled device.
    ///
    /// Linking from the newest held epoch, not necessarily the previous one, is what supersedes a
    /// dangling epoch (one whose key never reached anyone): the new epoch skips it, and history
    /// stays reachable. Throws `.keyUnavailable` if the scope has epochs and this device holds
    /// none of their keys (a new epoch would cut the history off), `.notAuthorised` if the log
    /// does not let it start the scope's epochs (`MembershipState.mayStartEpoch`). On a throw,
    /// neither the log nor the keyring changes.
    public static func startEpoch(of scope: ScopeID, reason: EpochReason, log: inout MembershipLog,
                                  keyring: inout ScopeKeyring, at instant: Instant) throws(TrustError) -> EpochRotation {
        let epoch = (log.state.currentEpoch(of: scope) ?? 0) + 1
        let from = keyring.heldEpochs(of: scope).last
        guard epoch == 1 || from != nil else {
            throw TrustError(.keyUnavailable, Text(
                fr: "cet appareil ne détient aucune clé de \(scope) : il ne peut pas relier une nouvelle époque à son historique ; synchronisez pour en recevoir une",
                en: "this device holds no key of \(scope): it cannot link a new epoch to its history; sync to receive one"))
        }
        let key = try ScopeKey.generate(scope: scope, epoch: epoch)
        let link = try from.map { (from: UInt32) throws(TrustError) in
            try KeyChainLink.link(previous: ScopeKey(scope: scope, epoch: from, key: try keyring.readKey(scope: scope, epoch: from)), under: key)
        }
        let own: [UInt8]
        do {
            own = try SealedBox.seal(key.key, to: keyring.device.agreement.publicKey)
        } catch {
            throw TrustError(.keyUnavailable, Text(fr: "impossible de sceller la clé de \(scope) pour cet appareil : \(error.text.french)",
                                             en: "could not seal the key of \(scope) to this device: \(error.text.english)"))
        }
        var nextLog = log
        let record = try nextLog.append(.startEpoch(scope: scope, epoch: epoch, reason: reason, commitment: key.commitment,
                                                    keys: EpochKeys(starterSealedKey: own, link: link)),
                                        signedBy: keyring.device.signing, at: instant)
        let sealed = try seal(key, to: nextLog.state.entitledDevices(to: scope, at: instant), by: keyring.device)
        try keyring.keep(key.key, scope: scope, epoch: epoch, commitment: key.commitment)
        log = nextLog
        return EpochRotation(record: record, sealedKeys: sealed, link: link)
    }

    /// Seals the held key of `scope` at `epoch` to `devices` (a new member's, or a newly certified
    /// device): they receive the current key and reach older ones through the key-chain links of
    /// the log's epoch records.
    public static func share(scope: ScopeID, epoch: UInt32, with devices: [CertifiedDevice],
                             keyring: ScopeKeyring) throws(TrustError) -> [SealedScopeKey] {
        let key = ScopeKey(scope: scope, epoch: epoch, key: try keyring.readKey(scope: scope, epoch: epoch))
        return try seal(key, to: devices, by: keyring.device)
    }

    private static func seal(_ key: ScopeKey, to devices: [CertifiedDevice], by issuer: DeviceIdentity) throws(TrustError) -> [SealedScopeKey] {
        var sealed: [SealedScopeKey] = []
        sealed.reserveCapacity(devices.count)
        for device in devices { sealed.append(try SealedScopeKey.issue(key, to: device, by: issuer.signing)) }
        return sealed
    }
}
