import HuisClosCrypto
import HuisClosProtocol

/// The scope keys one device holds, per (scope, epoch), each checked before it is kept.
///
/// Keys enter only through `accept`: a sealed key addressed to this device, signed by a device the
/// membership log allows to hand out that scope's keys, whose commitment matches both the key and
/// the log; or a key-chain link whose recovered key matches the log's commitment for its epoch.
/// Once the keyring has seen a newer epoch of a scope (a key, or the log's epoch record), it
/// refuses to write with an older one.
public struct ScopeKeyring: Sendable {
    /// The device whose keyring this is.
    public let device: DeviceIdentity
    private var keys: [ScopeID: [UInt32: SecureBytes]] = [:]
    private var newestSeen: [ScopeID: UInt32] = [:]

    /// An empty keyring for `device`.
    public init(device: DeviceIdentity) { self.device = device }

    /// The epochs of `scope` whose key is held, ascending.
    public func heldEpochs(of scope: ScopeID) -> [UInt32] { keys[scope].map { $0.keys.sorted() } ?? [] }

    /// The newest epoch of `scope` seen so far (in a key or in the log), if any.
    public func newestEpoch(of scope: ScopeID) -> UInt32? { newestSeen[scope] }

    /// The key to decrypt `scope` at `epoch`; throws `.keyUnavailable` if not held.
    public func readKey(scope: ScopeID, epoch: UInt32) throws(TrustError) -> SecureBytes {
        guard let key = keys[scope]?[epoch] else {
            throw TrustError(.keyUnavailable, "no key for \(scope) epoch \(epoch) on this device: wait for it, or this device is not entitled")
        }
        return key
    }

    /// The key to encrypt in `scope` at `epoch`; throws `.staleEpoch` if a newer epoch was seen.
    public func writeKey(scope: ScopeID, epoch: UInt32) throws(TrustError) -> SecureBytes {
        if let newest = newestSeen[scope], newest > epoch {
            throw TrustError(.staleEpoch, "\(scope) has moved to epoch \(newest): write with it, not with epoch \(epoch)")
        }
        return try readKey(scope: scope, epoch: epoch)
    }

    /// Notes every scope's current epoch from the verified log, so writing with an older epoch is
    /// refused even before the new key arrives.
    public mutating func observe(_ membership: MembershipState) {
        for scope in membership.epochs.keys {
            if let epoch = membership.currentEpoch(of: scope) { noteSeen(scope, epoch) }
        }
    }

    /// Checks and keeps a sealed key sent to this device.
    ///
    /// Throws `.misaddressed` (another recipient), `.badSignature` (not signed by its issuer),
    /// `.notAuthorised` (the log does not let the issuer hand out this scope's keys at `instant`, or
    /// this device may not read it), `.commitmentMismatch` (the key, the statement and the log
    /// disagree) or `.decryptionFailed` (the box does not open with this device's key).
    public mutating func accept(_ sealed: SealedScopeKey, membership: MembershipState, at instant: Instant) throws(TrustError) {
        guard sealed.recipient == device.signing.publicKey else {
            throw TrustError(.misaddressed, "a sealed key of \(sealed.scope) is addressed to another device: ignored")
        }
        try sealed.verifySignature()
        guard membership.mayWrite(device: sealed.issuer, scope: sealed.scope, at: instant) else {
            throw TrustError(.notAuthorised, "the issuer of a key of \(sealed.scope) may not hand out its keys per the membership log")
        }
        guard membership.mayRead(device: device.signing.publicKey, scope: sealed.scope, at: instant) else {
            throw TrustError(.notAuthorised, "this device is not entitled to \(sealed.scope) per the membership log")
        }
        try checkAgainstLog(sealed.commitment, scope: sealed.scope, epoch: sealed.epoch, membership: membership)
        let key: SecureBytes
        do {
            key = try SealedBox.open(sealed.sealedKey, with: device.agreement)
        } catch {
            throw TrustError(.decryptionFailed, "the sealed key of \(sealed.scope) epoch \(sealed.epoch) does not open with this device's key")
        }
        try keep(key, scope: sealed.scope, epoch: sealed.epoch, commitment: sealed.commitment)
    }

    /// Recovers the previous epoch's key from a key-chain link, using the held key of `link.epoch`,
    /// and keeps it if it matches the log's commitment for that previous epoch.
    public mutating func accept(_ link: KeyChainLink, membership: MembershipState) throws(TrustError) {
        let previousEpoch = link.epoch - 1
        guard let logCommitment = membership.commitment(of: link.scope, epoch: previousEpoch) else {
            throw TrustError(.commitmentMismatch, "the membership log has no epoch \(previousEpoch) of \(link.scope): sync the log first")
        }
        let previous = try link.openPrevious(with: try readKey(scope: link.scope, epoch: link.epoch))
        try keep(previous, scope: link.scope, epoch: previousEpoch, commitment: logCommitment)
    }

    /// Keeps `key` after checking it against `commitment`; the issuing device uses it for its own new key.
    mutating func keep(_ key: SecureBytes, scope: ScopeID, epoch: UInt32, commitment: [UInt8]) throws(TrustError) {
        guard key.count == ScopeKey.length,
              Sodium.constantTimeEqual(ScopeKey.commitment(of: key, scope: scope, epoch: epoch), commitment) else {
            throw TrustError(.commitmentMismatch, "the key received for \(scope) epoch \(epoch) is not the one committed to: rejected")
        }
        keys[scope, default: [:]][epoch] = key
        noteSeen(scope, epoch)
    }

    private func checkAgainstLog(_ commitment: [UInt8], scope: ScopeID, epoch: UInt32, membership: MembershipState) throws(TrustError) {
        guard let logCommitment = membership.commitment(of: scope, epoch: epoch) else {
            throw TrustError(.commitmentMismatch, "the membership log has no epoch \(epoch) of \(scope): sync the log first")
        }
        guard Sodium.constantTimeEqual(logCommitment, commitment) else {
            throw TrustError(.commitmentMismatch, "the sealed key of \(scope) epoch \(epoch) differs from the key the log pins: rejected")
        }
    }

    private mutating func noteSeen(_ scope: ScopeID, _ epoch: UInt32) {
        newestSeen[scope] = max(newestSeen[scope] ?? 0, epoch)
    }
}
