import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

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
        let signer = keyring.device.signing, host = keyring.device.member
        return try EpochChange.apply(scope: scope, reason: .initial, log: &log, keyring: &keyring, at: instant) { next in
            try next.append(.addToScope(member: host, scope: scope, access: .readWrite, expiry: nil), signedBy: signer, at: instant)
            try next.append(.addToScope(member: guest, scope: scope, access: .read, expiry: expiry), signedBy: signer, at: instant)
        }
    }

    /// After expiry: orders each of `guestDevices` wiped (revoked with wipe) and starts a new
    /// epoch of the hearing's scope, sealed only to devices still entitled. Returns nil before
    /// expiry (nothing to do).
    public static func close(_ id: String, guestDevices: [SigningPublicKey], log: inout MembershipLog,
                             keyring: inout ScopeKeyring, at instant: Instant) throws -> EpochRotation? {
        let scope = try DossierScopes.hearing(id)
        guard log.state.needsRotation(scope, at: instant) else { return nil }
        let signer = keyring.device.signing
        return try EpochChange.apply(scope: scope, reason: .memberRemoved, log: &log, keyring: &keyring, at: instant) { next in
            for device in guestDevices where !next.state.mayRead(device: device, scope: scope, at: instant) && !next.state.isWipeOrdered(for: device) {
                try next.append(.revokeDevice(device: device, wipe: true), signedBy: signer, at: instant)
            }
        }
    }
}
