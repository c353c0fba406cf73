import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

/// Working groups (`group:<name>`): created by the president, who designates members and
/// supplementary members; the group's dossiers, notes and drafts are sealed under the group's
/// key, which only the group's devices receive.
public enum WorkingGroups {
    /// Creates group `name` in the membership log: grants the president, the `members` and the
    /// `supplementaryMembers` read-write access, then starts the group's first key epoch, sealed
    /// to every entitled device (returned: deliver `sealedKeys` and push `record`).
    ///
    /// The records are signed by the president's device (`keyring.device`); the log refuses them
    /// from anyone else but the secretariat ("the president also manages working groups").
    public static func create(_ name: String, members: [MemberID], supplementaryMembers: [MemberID],
                              log: inout MembershipLog, keyring: inout ScopeKeyring, at instant: Instant) throws -> EpochRotation {
        let scope = try DossierScopes.group(name)
        guard log.state.role(of: keyring.device.member, at: instant) == .president else {
            throw DossierError(.forbidden, "only the president creates working groups: ask the president")
        }
        var next = log
        var nextKeyring = keyring
        for member in [keyring.device.member] + members + supplementaryMembers where next.state.access(of: member, to: scope, at: instant) == nil {
            try next.append(.addToScope(member: member, scope: scope, access: .readWrite, expiry: nil),
                            signedBy: keyring.device.signing, at: instant)
        }
        let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: .initial, log: &next, keyring: &nextKeyring, at: instant)
        log = next
        keyring = nextKeyring
        return rotation
    }
}

/// Hearings (`hearing:<id>`): a qualified person, enrolled as a guest, reads one dossier until an
/// expiry date. At expiry the guest's grant lapses by itself in the log; `close` then orders the
/// guest's devices wiped and starts a new epoch they are not sealed to.
public enum Hearings {
    /// Opens hearing `id`: the host (the keyring's member, president or secretariat) gets
    /// read-write access to put the dossier in, the guest read access until `expiry`; the
    /// scope's first key is sealed to both (returned).
    public static func open(_ id: String, guest: MemberID, until expiry: Instant, log: inout MembershipLog,
                            keyring: inout ScopeKeyring, at instant: Instant) throws -> EpochRotation {
        let scope = try DossierScopes.hearing(id)
        guard expiry > instant else { throw DossierError(.invalidArgument, "the hearing's expiry must be in the future") }
        guard log.state.role(of: guest, at: instant) == .guest else {
            throw DossierError(.invalidArgument, "the person heard must be enrolled as a guest first (role guest)")
        }
        var next = log
        var nextKeyring = keyring
        try next.append(.addToScope(member: keyring.device.member, scope: scope, access: .readWrite, expiry: nil),
                        signedBy: keyring.device.signing, at: instant)
        try next.append(.addToScope(member: guest, scope: scope, access: .read, expiry: expiry),
                        signedBy: keyring.device.signing, at: instant)
        let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: .initial, log: &next, keyring: &nextKeyring, at: instant)
        log = next
        keyring = nextKeyring
        return rotation
    }

    /// After expiry: orders each of `guestDevices` wiped (revoked with wipe) and starts a new
    /// epoch of the hearing's scope, sealed only to devices still entitled. Returns nil before
    /// expiry (nothing to do).
    public static func close(_ id: String, guestDevices: [SigningPublicKey], log: inout MembershipLog,
                             keyring: inout ScopeKeyring, at instant: Instant) throws -> EpochRotation? {
        let scope = try DossierScopes.hearing(id)
        guard log.state.needsRotation(scope, at: instant) else { return nil }
        var next = log
        var nextKeyring = keyring
        for device in guestDevices where !next.state.mayRead(device: device, scope: scope, at: instant) && !next.state.isWipeOrdered(for: device) {
            try next.append(.revokeDevice(device: device, wipe: true), signedBy: keyring.device.signing, at: instant)
        }
        let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: .memberRemoved, log: &next, keyring: &nextKeyring, at: instant)
        log = next
        keyring = nextKeyring
        return rotation
    }
}
