import HuisClosL10n
public import HuisClosCrypto
import HuisClosProtocol
public import HuisClosTrust

/// Hearings (`hearing:<id>`): a qualified person, enrolled as a guest, reads one dossier until an
/// expiry date. At expiry the guest's grant lapses by itself in the log (the relay stops serving
/// the scope to the guest, and the secretariat's next sync starts a new epoch); `close` then
/// orders the guest's devices wiped and starts a new epoch if none was started yet.
public enum Hearings {
    /// Opens hearing `id`: the host (the keyring's member, president or secretariat) gets
    /// read-write access to put the dossier in, the guest read access until `expiry`, nobody
    /// else (`ScopeOpening`); the scope's first key is sealed to both (returned).
    public static func open(_ id: String, guest: MemberID, until expiry: Instant, log: inout MembershipLog,
                            keyring: inout ScopeKeyring, at instant: Instant) throws -> EpochRotation {
        let scope = try DossierScopes.hearing(id)
        guard expiry > instant else {
            throw DossierError(.invalidArgument, Text(fr: "l'échéance de l'audition doit être dans le futur", en: "the hearing's expiry must be in the future"))
        }
        guard log.state.role(of: guest, at: instant) == .guest else {
            throw DossierError(.invalidArgument, Text(fr: "la personne entendue doit d'abord être nommée invitée (rôle guest)",
                                                      en: "the person heard must be enrolled as a guest first (role guest)"))
        }
        let signer = keyring.device.signing, host = keyring.device.member
        return try EpochChange.apply(scope: scope, reason: .initial, log: &log, keyring: &keyring, at: instant) { next in
            try ScopeOpening.grantOnly([.init(member: host, access: .readWrite, expiry: nil), .init(member: guest, access: .read, expiry: expiry)],
                                       to: scope, log: &next, signedBy: signer, at: instant)
        }
    }

    /// Ends hearing `id` for every guest device that no longer reads it (the grant expired or
    /// was withdrawn): orders each of `guestDevices` wiped (revoked with wipe), then starts a new
    /// epoch of the hearing's scope, sealed only to devices still entitled, if the scope needs one.
    ///
    /// Returns the rotation, or nil when none was due (before expiry; or after the secretariat's
    /// sync already rotated the scope — the wipe orders, if any, are still appended to `log`).
    public static func close(_ id: String, guestDevices: [SigningPublicKey], log: inout MembershipLog,
                             keyring: inout ScopeKeyring, at instant: Instant) throws -> EpochRotation? {
        let scope = try DossierScopes.hearing(id)
        let signer = keyring.device.signing
        var next = log
        for device in guestDevices where !next.state.mayRead(device: device, scope: scope, at: instant)
            && !next.state.isWipeOrdered(for: device) && next.state.certificate(of: device) != nil {
            try next.append(.revokeDevice(device: device, wipe: true), signedBy: signer, at: instant)
        }
        guard next.state.needsRotation(scope, at: instant) else {
            log = next
            return nil
        }
        return try EpochChange.apply(scope: scope, reason: .memberRemoved, log: &log, keyring: &keyring, at: instant) { records in
            records = next
        }
    }

    /// Withdraws `guest`'s access to hearing `id` now (before its expiry), so `close` ends it at once.
    public static func withdraw(_ id: String, guest: MemberID, log: inout MembershipLog, signer: SigningKeyPair, at instant: Instant) throws {
        let scope = try DossierScopes.hearing(id)
        guard log.state.access(of: guest, to: scope, at: instant) != nil else { return }
        try log.append(.removeFromScope(member: guest, scope: scope), signedBy: signer, at: instant)
    }

    /// Every device ever certified for `member` in `log` (a guest's devices, to order wiped).
    public static func devices(of member: MemberID, in log: MembershipLog) -> [SigningPublicKey] {
        log.records.compactMap { record in
            if case let .certifyDevice(device) = record.event, device.member == member { return device.signingKey }
            return nil
        }
    }
}
