public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// The scope keys one device holds, per (scope, epoch), each checked before it is kept.
///
/// Keys enter only through `accept` and `observe`: a sealed key addressed to this device, signed
/// by a device the membership log allows to hand out that scope's keys, whose commitment matches
/// both the key and the log; this device's own copy in an epoch record it signed; or a key-chain
/// link of a verified epoch record whose recovered key matches the log's commitment for its epoch.
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
            throw TrustError(.keyUnavailable, Text(fr: "aucune clé de \(scope), époque \(epoch), sur cet appareil : attendez-la (synchronisez), ou cet appareil n'y a pas droit",
                                             en: "no key for \(scope) epoch \(epoch) on this device: wait for it, or this device is not entitled"))
        }
        return key
    }

    /// The key to encrypt in `scope` at `epoch`; throws `.staleEpoch` if a newer epoch was seen.
    public func writeKey(scope: ScopeID, epoch: UInt32) throws(TrustError) -> SecureBytes {
        if let newest = newestSeen[scope], newest > epoch {
            throw TrustError(.staleEpoch, Text(fr: "\(scope) est passée à l'époque \(newest) : écrivez avec elle, pas avec l'époque \(epoch)",
                                         en: "\(scope) has moved to epoch \(newest): write with it, not with epoch \(epoch)"))
        }
        return try readKey(scope: scope, epoch: epoch)
    }

    /// Notes every scope's current epoch from the verified log, so writing with an older epoch is
    /// refused even before the new key arrives; then recovers the keys the log itself carries for
    /// this device: its own copy in every epoch it started, and, down the chain links of the
    /// epochs whose key it holds, every older epoch's key. Returns how many keys were recovered.
    ///
    /// Each recovered key is checked against the log's commitment; a copy or link that does not
    /// open or does not match is passed over (that epoch stays without key here, and its batches
    /// are held, until another copy arrives or the epoch is superseded).
    @discardableResult
    public mutating func observe(_ membership: MembershipState) -> Int {
        for scope in membership.epochs.keys {
            if let epoch = membership.currentEpoch(of: scope) { noteSeen(scope, epoch) }
        }
        var recovered = 0
        for scope in membership.scopesWithEpochs {
            let started = membership.startedEpochs(of: scope)
            for entry in started where entry.starter == device.signing.publicKey && !holds(scope, entry.epoch) {
                if (try? keepOwnCopy(entry)) != nil { recovered += 1 }
            }
            // Newest first: a key recovered from a link may open the link of an older record next.
            for entry in started.reversed() where holds(scope, entry.epoch) {
                guard let link = entry.keys.link, !holds(scope, link.fromEpoch) else { continue }
                if (try? accept(link, membership: membership)) != nil { recovered += 1 }
            }
        }
        return recovered
    }

    private func holds(_ scope: ScopeID, _ epoch: UInt32) -> Bool { keys[scope]?[epoch] != nil }

    private mutating func keepOwnCopy(_ entry: StartedEpoch) throws(TrustError) {
        let key: SecureBytes
        do {
            key = try SealedBox.open(entry.keys.starterSealedKey, with: device.agreement)
        } catch {
            throw TrustError(.decryptionFailed, Text(fr: "la copie de cet appareil de \(entry.scope), époque \(entry.epoch), ne s'ouvre pas",
                                               en: "this device's own copy of \(entry.scope) epoch \(entry.epoch) does not open"))
        }
        try keep(key, scope: entry.scope, epoch: entry.epoch, commitment: entry.commitment)
    }

    /// Checks and keeps a sealed key sent to this device.
    ///
    /// Throws `.misaddressed` (another recipient), `.badSignature` (not signed by its issuer),
    /// `.notAuthorised` (the log does not let the issuer hand out this scope's keys at `instant`, or
    /// this device may not read it), `.commitmentMismatch` (the key, the statement and the log
    /// disagree) or `.decryptionFailed` (the box does not open with this device's key).
    public mutating func accept(_ sealed: SealedScopeKey, membership: MembershipState, at instant: Instant) throws(TrustError) {
        guard sealed.recipient == device.signing.publicKey else {
            throw TrustError(.misaddressed, Text(fr: "une clé scellée de \(sealed.scope) est adressée à un autre appareil : ignorée",
                                           en: "a sealed key of \(sealed.scope) is addressed to another device: ignored"))
        }
        try sealed.verifySignature()
        guard membership.mayWrite(device: sealed.issuer, scope: sealed.scope, at: instant) else {
            throw TrustError(.notAuthorised, Text(fr: "selon le registre des membres, l'émetteur d'une clé de \(sealed.scope) ne peut pas en distribuer les clés",
                                            en: "the issuer of a key of \(sealed.scope) may not hand out its keys per the membership log"))
        }
        guard membership.mayRead(device: device.signing.publicKey, scope: sealed.scope, at: instant) else {
            throw TrustError(.notAuthorised, Text(fr: "selon le registre des membres, cet appareil n'a pas droit à \(sealed.scope)",
                                            en: "this device is not entitled to \(sealed.scope) per the membership log"))
        }
        try checkAgainstLog(sealed.commitment, scope: sealed.scope, epoch: sealed.epoch, membership: membership)
        let key: SecureBytes
        do {
            key = try SealedBox.open(sealed.sealedKey, with: device.agreement)
        } catch {
            throw TrustError(.decryptionFailed, Text(fr: "la clé scellée de \(sealed.scope), époque \(sealed.epoch), ne s'ouvre pas avec la clé de cet appareil",
                                               en: "the sealed key of \(sealed.scope) epoch \(sealed.epoch) does not open with this device's key"))
        }
        try keep(key, scope: sealed.scope, epoch: sealed.epoch, commitment: sealed.commitment)
    }

    /// Recovers the key of `link.fromEpoch` from a key-chain link, using the held key of
    /// `link.epoch`, and keeps it if it matches the log's commitment for that older epoch.
    public mutating func accept(_ link: KeyChainLink, membership: MembershipState) throws(TrustError) {
        guard let logCommitment = membership.commitment(of: link.scope, epoch: link.fromEpoch) else {
            throw TrustError(.commitmentMismatch, Text(fr: "le registre des membres n'a pas d'époque \(link.fromEpoch) de \(link.scope) : synchronisez d'abord le registre",
                                                 en: "the membership log has no epoch \(link.fromEpoch) of \(link.scope): sync the log first"))
        }
        let previous = try link.openPrevious(with: try readKey(scope: link.scope, epoch: link.epoch))
        try keep(previous, scope: link.scope, epoch: link.fromEpoch, commitment: logCommitment)
    }

    /// The held epochs of `scope` that a device given only the key of `epoch` could not reach
    /// down the log's chain links (a link missing, or one its starter made that does not open to
    /// the committed key): the keys to seal to such a device directly, so a broken link in the log
    /// never cuts a newcomer off the history this device can read.
    public func epochsOffTheChain(of scope: ScopeID, from epoch: UInt32, membership: MembershipState) -> [UInt32] {
        let started = Dictionary(membership.startedEpochs(of: scope).map { ($0.epoch, $0) }, uniquingKeysWith: { first, _ in first })
        var reached: Set<UInt32> = [epoch]
        var current = epoch
        while let link = started[current]?.keys.link, let key = keys[scope]?[current],
              let commitment = membership.commitment(of: scope, epoch: link.fromEpoch),
              let previous = try? link.openPrevious(with: key), previous.count == ScopeKey.length,
              Sodium.constantTimeEqual(ScopeKey.commitment(of: previous, scope: scope, epoch: link.fromEpoch), commitment) {
            reached.insert(link.fromEpoch)
            current = link.fromEpoch
        }
        return heldEpochs(of: scope).filter { !reached.contains($0) }
    }

    /// Keeps `key` after checking it against `commitment`; the issuing device uses it for its own new key.
    mutating func keep(_ key: SecureBytes, scope: ScopeID, epoch: UInt32, commitment: [UInt8]) throws(TrustError) {
        guard key.count == ScopeKey.length,
              Sodium.constantTimeEqual(ScopeKey.commitment(of: key, scope: scope, epoch: epoch), commitment) else {
            throw TrustError(.commitmentMismatch, Text(fr: "la clé reçue pour \(scope), époque \(epoch), n'est pas celle qui a été annoncée : refusée",
                                                 en: "the key received for \(scope) epoch \(epoch) is not the one committed to: rejected"))
        }
        keys[scope, default: [:]][epoch] = key
        noteSeen(scope, epoch)
    }

    private func checkAgainstLog(_ commitment: [UInt8], scope: ScopeID, epoch: UInt32, membership: MembershipState) throws(TrustError) {
        guard let logCommitment = membership.commitment(of: scope, epoch: epoch) else {
            throw TrustError(.commitmentMismatch, Text(fr: "le registre des membres n'a pas d'époque \(epoch) de \(scope) : synchronisez d'abord le registre",
                                                 en: "the membership log has no epoch \(epoch) of \(scope): sync the log first"))
        }
        guard Sodium.constantTimeEqual(logCommitment, commitment) else {
            throw TrustError(.commitmentMismatch, Text(fr: "la clé scellée de \(scope), époque \(epoch), diffère de celle que le registre fixe : refusée",
                                                 en: "the sealed key of \(scope) epoch \(epoch) differs from the key the log pins: rejected"))
        }
    }

    private mutating func noteSeen(_ scope: ScopeID, _ epoch: UInt32) {
        newestSeen[scope] = max(newestSeen[scope] ?? 0, epoch)
    }
}
