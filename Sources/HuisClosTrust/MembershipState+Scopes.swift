public import HuisClosCrypto
public import HuisClosProtocol

/// Scope lists derived from the log, the one rule both the relay (which scopes it serves a device)
/// and every replica (which batches it merges) apply.
extension MembershipState {
    /// Every scope `device` may read at `instant`: `public` for any device of the log that is
    /// valid, and each scope of its member for which `mayRead` holds.
    public func readableScopes(of device: SigningPublicKey, at instant: Instant) -> Set<ScopeID> {
        guard isDeviceValid(device, at: instant), let member = certificate(of: device)?.member else { return [] }
        var result: Set<ScopeID> = [.public]
        for scope in scopes(of: member, at: instant).keys where mayRead(device: device, scope: scope, at: instant) {
            result.insert(scope)
        }
        return result
    }

    /// Every scope `device` may write in at `instant`: `mayWrite`'s scopes, and `public` when
    /// `mayWritePublic` holds.
    public func writableScopes(of device: SigningPublicKey, at instant: Instant) -> Set<ScopeID> {
        guard let member = certificate(of: device)?.member else { return [] }
        var result = Set(scopes(of: member, at: instant).keys.filter { mayWrite(device: device, scope: $0, at: instant) })
        if mayWritePublic(device: device, at: instant) { result.insert(.public) }
        return result
    }

    /// True when `device` may publish in the `public` scope at `instant`: a valid, approved device of the
    /// president or of the secretariat that accepted the undertaking (`Role.actsForTheCouncil`:
    /// the council speaks in public through its offices; members draft, they do not publish).
    public func mayWritePublic(device: SigningPublicKey, at instant: Instant) -> Bool {
        guard isDeviceValid(device, at: instant), isApproved(device, at: instant), let member = certificate(of: device)?.member,
              let role = role(of: member, at: instant) else { return false }
        return role.actsForTheCouncil && hasAcceptedUndertaking(member, at: instant)
    }

    /// The record revoking `device`, from `records` (this log's), if there is one.
    public static func revocation(of device: SigningPublicKey, in records: [MembershipRecord]) -> MembershipRecord? {
        records.last { record in
            if case let .revokeDevice(revoked, _, _) = record.event { return revoked == device }
            return false
        }
    }

    /// True when `device` is certified in the log and revoked by it at or before `instant`.
    public func isRevoked(_ device: SigningPublicKey, at instant: Instant) -> Bool {
        guard let revokedAt = devices[device]?.revokedAt else { return false }
        return revokedAt <= instant
    }
}
