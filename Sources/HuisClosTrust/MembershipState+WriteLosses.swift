public import HuisClosCrypto
public import HuisClosProtocol

/// For each write right, the index of the last record that took it away: revocation of the
/// device, end of its member's mandate or a new mandate after one that ended (its role may be
/// another), removal from a scope or a grant narrowed to read-only.
///
/// A batch names the log position its author had verified (`BatchEnvelope.logPosition`). If the
/// log holds, after that position, a record that took the author's right away, the batch is
/// refused: a revoked device cannot backdate writes to before its revocation, and a former
/// president re-appointed as a plain member cannot write as president by naming a position of
/// their term. Kept as a map per key, so the check is a lookup, not a scan of the log.
struct WriteLosses: Sendable {
    var revocations: [SigningPublicKey: UInt64] = [:]
    /// What each revocation that names it lets stand of the device's writes.
    var standing: [SigningPublicKey: StandingWrites] = [:]
    var mandateChanges: [MemberID: UInt64] = [:]
    var grantLosses: [MemberID: [ScopeID: UInt64]] = [:]
}

extension MembershipState {
    /// Notes `record`, just applied, if it takes a write right away. A member's first appointment
    /// takes nothing away; a later one follows a mandate that ended, possibly at term without a record.
    mutating func noteWriteLoss(_ record: MembershipRecord) {
        switch record.event {
        case let .revokeDevice(device, _, standing):
            writeLosses.revocations[device] = record.index
            writeLosses.standing[device] = standing
        case let .endMandate(member, _): writeLosses.mandateChanges[member] = record.index
        case let .appointMember(appointment) where (members[appointment.member]?.mandates.count ?? 0) > 1:
            writeLosses.mandateChanges[appointment.member] = record.index
        case let .removeFromScope(member, scope), let .addToScope(member, scope, .read, _):
            writeLosses.grantLosses[member, default: [:]][scope] = record.index
        default: break
        }
    }

    /// True when, after `position`, `device` lost its right to write `scope`: a record took it away
    /// (its revocation, a change of its member's mandate, its member's removal from the scope), or
    /// the right ended by time — a grant's expiry, a mandate reaching its term — and the log holds a
    /// record after `position` issued at or after that end. Without the second case a guest past
    /// the hearing, or a member past the term, could name an older position and date its writes just
    /// before the end (the attacker review's finding M2).
    ///
    /// A revocation naming standing writes does not count against the batch `sequence` it lets stand
    /// (`revocationKeeps`): every replica keeps exactly those, whenever it learns of the revocation.
    public func lostWriteRight(of device: SigningPublicKey, to scope: ScopeID, after position: UInt64, sequence: UInt64) -> Bool {
        guard let member = certificate(of: device)?.member else { return true }
        let kept = revocationKeeps(device, scope: scope, sequence: sequence, position: position)
        let losses = [kept ? nil : writeLosses.revocations[device], writeLosses.mandateChanges[member], writeLosses.grantLosses[member]?[scope]]
        if losses.contains(where: { $0.map { $0 > position } ?? false }) { return true }
        guard position < headIndex else { return false }
        let instant = writeInstant(of: device, at: headTime, kept: kept)
        return scope == .public ? !mayWritePublic(device: device, at: instant) : !mayWrite(device: device, scope: scope, at: instant)
    }

    /// True when the revocation of `device` lets its batch `sequence` in `scope`, written under log
    /// position `position` (before the revocation), stand: the revocation names standing writes and
    /// the sequence is within them for that scope.
    public func revocationKeeps(_ device: SigningPublicKey, scope: ScopeID, sequence: UInt64, position: UInt64) -> Bool {
        guard let revocation = writeLosses.revocations[device], position < revocation,
              let standing = writeLosses.standing[device] else { return false }
        return standing.keeps(sequence, in: scope)
    }

    /// What the revocation of `device` lets stand of its writes, if it is revoked by a record naming them.
    public func standingWrites(of device: SigningPublicKey) -> StandingWrites? {
        writeLosses.revocations[device] == nil ? nil : writeLosses.standing[device]
    }

    /// The instant a write of `device` stamped `instant` is judged at: for a batch its revocation
    /// keeps (`kept`), no later than just before the revocation, whose effect that batch escapes; it
    /// may have been stamped after the revocation's date, before the device or the relay learned of it.
    public func writeInstant(of device: SigningPublicKey, at instant: Instant, kept: Bool) -> Instant {
        guard kept, let revokedAt = devices[device]?.revokedAt else { return instant }
        return min(instant, revokedAt.adding(seconds: -1))
    }
}
