public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// Who is in the council, with which devices, scopes and key epochs: the fold of a membership log
/// verified record by record from the pinned trust root.
///
/// Nothing enters it except through `apply`, which checks the hash chain, the signature's
/// authority (`MembershipAuthorisation`) and the transition rules; so every member, device and
/// key epoch it reports is justified by signed records going back to the root. Queries take an
/// instant because mandates, grants and hearings end on their own.
public struct MembershipState: Sendable {
    /// The pinned trust root: the secretariat's key that signed the genesis record.
    public let root: TrustRoot
    /// The council's name, from the genesis record.
    public let councilName: String
    /// When the genesis record was issued: the log's beginning (past mandates end before it).
    public let createdAt: Instant
    /// The index of the last applied record.
    public internal(set) var headIndex: UInt64
    /// The hash of the last applied record: the next record's `previousHash`.
    public internal(set) var headHash: [UInt8]
    /// When the last applied record was issued; later records may not be earlier.
    public internal(set) var headTime: Instant

    var members: [MemberID: MemberEntry] = [:]
    var devices: [SigningPublicKey: DeviceEntry] = [:]
    var agreementKeys: Set<AgreementPublicKey> = []
    var epochs: [ScopeID: [EpochEntry]] = [:]
    /// Records per device signer on its latest UTC day, for the per-device daily quotas.
    var signerDays: [SigningPublicKey: SignerDay] = [:]
    /// The last record that took each write right away: batches naming an earlier log position are refused.
    var writeLosses = WriteLosses()

    /// Starts the fold from record 0, which must be a genesis record signed by `root` naming `root`
    /// and not dated ahead of `now` (this device's clock) by more than the allowed skew.
    public init(genesis: MembershipRecord, root: TrustRoot, now: Instant) throws(TrustError) {
        guard genesis.index == 0, case let .genesis(rootKey, councilName) = genesis.event else {
            throw TrustError(.untrustedRoot, Text(fr: "un registre des membres commence par son enregistrement fondateur (numéro 0)",
                                                  en: "a membership log starts with its genesis record (index 0)"))
        }
        guard genesis.signer == root.publicKey, rootKey == root.publicKey else {
            throw TrustError(.untrustedRoot, Text(fr: "ce registre n'a pas été créé par la racine de confiance de ce conseil : un autre conseil, ou un faux ; ne l'utilisez pas",
                                             en: "this log was not created by the pinned trust root: another council, or a forgery; do not use it"))
        }
        try Self.checkNotFromTheFuture(genesis, now: now)
        self.root = root
        self.councilName = councilName
        createdAt = genesis.issuedAt
        headIndex = 0
        headHash = genesis.hash
        headTime = genesis.issuedAt
    }

    // MARK: - Members

    /// The member's role at `instant`, or nil when no mandate covers it.
    public func role(of member: MemberID, at instant: Instant) -> Role? {
        members[member]?.mandate(at: instant)?.role
    }

    /// The role of the member's latest mandate, running or not; nil for someone never appointed.
    public func lastRole(of member: MemberID) -> Role? { members[member]?.mandates.last?.role }

    /// The member whose mandate covering `instant` is the presidency, if any: the council has one.
    public func president(at instant: Instant) -> MemberID? {
        members.first { $0.value.mandate(at: instant)?.role == .president }?.key
    }

    /// True when the member accepted the confidentiality undertaking during the mandate covering `instant`.
    public func hasAcceptedUndertaking(_ member: MemberID, at instant: Instant) -> Bool {
        guard let accepted = members[member]?.mandate(at: instant)?.acceptedAt else { return false }
        return accepted <= instant
    }

    /// The digests of the secretariat's absences reports on `member` recorded during the mandate
    /// covering `instant` (record type 11); empty when none, or no mandate covers it.
    public func absencesReports(of member: MemberID, at instant: Instant) -> [[UInt8]] {
        members[member]?.mandate(at: instant)?.absencesReports ?? []
    }

    /// What `member` may do in `scope` at `instant`: implied by the role (council, own private
    /// scope) or granted; nil when the member has no active mandate or no access.
    public func access(of member: MemberID, to scope: ScopeID, at instant: Instant) -> ScopeAccess? {
        guard let entry = members[member], let mandate = entry.mandate(at: instant) else { return nil }
        if scope == member.privateScope || (scope == .council && mandate.role.holdsCouncilScope) { return .readWrite }
        return entry.grants[scope]?.filter { $0.isActive(at: instant) }.map(\.access).max()
    }

    /// Whether `member` holds at `instant` exactly one grant to `scope`, with this access and this
    /// expiry (nil: none): signing that grant again would change nothing.
    public func holdsExactly(_ access: ScopeAccess, until expiry: Instant?, of member: MemberID, to scope: ScopeID, at instant: Instant) -> Bool {
        let open = members[member]?.grants[scope]?.filter { $0.isActive(at: instant) } ?? []
        return open.count == 1 && open[0].access == access && open[0].until == expiry
    }

    /// Every scope `member` may read at `instant`, with its access.
    public func scopes(of member: MemberID, at instant: Instant) -> [ScopeID: ScopeAccess] {
        guard let entry = members[member] else { return [:] }
        var result: [ScopeID: ScopeAccess] = [:]
        for scope in [ScopeID.council, member.privateScope] + Array(entry.grants.keys) {
            if let access = access(of: member, to: scope, at: instant) { result[scope] = access }
        }
        return result
    }

    /// The members holding a grant to `scope` active at `instant` (access a role implies aside), sorted.
    public func grantees(of scope: ScopeID, at instant: Instant) -> [MemberID] {
        members.filter { $0.value.grants[scope]?.contains { $0.isActive(at: instant) } == true }.keys
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// The guests (role `guest` at `instant`) that may read `scope` at `instant`, sorted: a
    /// hearing's person heard.
    public func guests(of scope: ScopeID, at instant: Instant) -> [MemberID] {
        members.keys.filter { role(of: $0, at: instant) == .guest && access(of: $0, to: scope, at: instant) != nil }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    // MARK: - Devices

    /// The certificate of `device`, whether or not it is still valid.
    public func certificate(of device: SigningPublicKey) -> CertifiedDevice? { devices[device]?.device }

    /// True when `device` is certified, not revoked, and its member holds at `instant` a mandate
    /// in the role the device was certified under (a device does not follow its member into a new role).
    public func isDeviceValid(_ device: SigningPublicKey, at instant: Instant) -> Bool {
        guard let entry = devices[device], entry.certifiedAt <= instant else { return false }
        if let revoked = entry.revokedAt, revoked <= instant { return false }
        return role(of: entry.device.member, at: instant) == entry.role
    }

    /// True when a revocation of `device` ordered it to erase its replica.
    public func isWipeOrdered(for device: SigningPublicKey) -> Bool { devices[device]?.wipeOrdered ?? false }

    /// True when `device` may receive and decrypt `scope`'s keys at `instant`: valid, approved by
    /// its member (`isApproved`), its member has access and has accepted the confidentiality undertaking.
    public func mayRead(device: SigningPublicKey, scope: ScopeID, at instant: Instant) -> Bool {
        guard scope != .public, isDeviceValid(device, at: instant), isApproved(device, at: instant),
              let member = devices[device]?.device.member else { return false }
        return hasAcceptedUndertaking(member, at: instant) && access(of: member, to: scope, at: instant) != nil
    }

    /// True when `device` may author batches in `scope`, start its key epochs and hand out its
    /// keys at `instant`: as `mayRead`, with read-write access.
    public func mayWrite(device: SigningPublicKey, scope: ScopeID, at instant: Instant) -> Bool {
        guard mayRead(device: device, scope: scope, at: instant), let member = devices[device]?.device.member else { return false }
        return access(of: member, to: scope, at: instant) == .readWrite
    }

    /// True when `device` is to be sealed `scope`'s keys at `instant`: valid, approved, its member
    /// with access. Unlike `mayRead`, the undertaking is not yet required: the secretariat seals the
    /// key when it certifies the device, and the device takes it (`ScopeKeyring.accept` requires
    /// `mayRead`) only in the sync that signs its undertaking, so enrolment costs one member sync.
    /// The device alone signs its undertaking, so holding the box earlier opens nothing it could
    /// not open by signing; and it counts as entitled for rotation (`needsRotation`) from then on.
    public func mayHoldKey(device: SigningPublicKey, scope: ScopeID, at instant: Instant) -> Bool {
        guard scope != .public, isDeviceValid(device, at: instant), isApproved(device, at: instant),
              let member = devices[device]?.device.member else { return false }
        return access(of: member, to: scope, at: instant) != nil
    }

    /// Every device to be sealed `scope`'s key at `instant` (`mayHoldKey`), ordered by signing key.
    public func entitledDevices(to scope: ScopeID, at instant: Instant) -> [CertifiedDevice] {
        devices.values.map(\.device)
            .filter { mayHoldKey(device: $0.signingKey, scope: scope, at: instant) }
            .sorted { $0.signingKey.bytes.lexicographicallyPrecedes($1.signingKey.bytes) }
    }

    // MARK: - Key epochs

    /// The scope's newest key epoch in the log, or nil before its first.
    public func currentEpoch(of scope: ScopeID) -> UInt32? { epochs[scope]?.last?.epoch }

    /// The key commitment the log pins for `scope` at `epoch`, or nil if the log has no such epoch.
    public func commitment(of scope: ScopeID, epoch: UInt32) -> [UInt8]? {
        guard epoch >= 1, let list = epochs[scope], Int(epoch) <= list.count else { return nil }
        return list[Int(epoch) - 1].commitment
    }

    /// True when a device entitled at any point of the current epoch has lost the scope since
    /// (removed, revoked, mandate ended, hearing expired): a new epoch must start before anyone
    /// writes again, so the party that left cannot read what follows.
    public func needsRotation(_ scope: ScopeID, at instant: Instant) -> Bool {
        guard let current = epochs[scope]?.last else { return false }
        return current.entitledDuringEpoch.contains { !mayHoldKey(device: $0, scope: scope, at: instant) }
    }
}
