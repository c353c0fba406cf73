import HuisClosCrypto
import HuisClosProtocol

// The per-member, per-device and per-epoch facts `MembershipState` folds records into.

/// One mandate: from the appointment record to its end (term, or an earlier end record).
struct Mandate: Sendable {
    let role: Role
    let start: Instant
    let scheduledEnd: Instant
    var endedAt: Instant?
    var acceptedAt: Instant?
    /// Digests of the secretariat's absences reports recorded for this mandate (record type 11):
    /// the president's ex officio end of the mandate needs at least one.
    var absencesReports: [[UInt8]] = []

    /// The first instant the mandate no longer covers.
    var end: Instant { min(scheduledEnd, endedAt ?? scheduledEnd) }

    func covers(_ instant: Instant) -> Bool { start <= instant && instant < end }
}

/// A grant of access to one scope, from `from` until `until` (expiry or removal), if ever.
struct Grant: Sendable {
    let access: ScopeAccess
    let from: Instant
    var until: Instant?

    func isActive(at instant: Instant) -> Bool { from <= instant && until.map { instant < $0 } ?? true }

    /// Ends the grant at `instant` unless it already ended earlier.
    mutating func close(at instant: Instant) { until = min(until ?? instant, instant) }
}

/// Everything the log says about one person.
struct MemberEntry: Sendable {
    var mandates: [Mandate] = []
    /// Mandates held before the log (record type 12): counted by the renewal rule, never a right.
    var history: [PastMandate] = []
    var grants: [ScopeID: [Grant]] = [:]

    func mandate(at instant: Instant) -> Mandate? { mandates.last { $0.covers(instant) } }

    /// Ends every grant still open at `instant`.
    mutating func closeGrants(at instant: Instant) {
        for scope in grants.keys {
            for index in grants[scope]!.indices { grants[scope]![index].close(at: instant) }
        }
    }
}

/// A certified device and what happened to it.
struct DeviceEntry: Sendable {
    let device: CertifiedDevice
    let certifiedAt: Instant
    /// The member's role when the device was certified: the device is valid only while the
    /// member holds that role, so a member re-appointed in another role (a secretariat role above
    /// all) needs devices certified anew, by whoever certifies for that role.
    let role: Role
    var revokedAt: Instant?
    var wipeOrdered = false
    /// When its member approved it (`MembershipState.isApproved`); nil while it awaits approval.
    var approvedAt: Instant?
}

/// One key epoch of one scope, as its start record pinned it.
struct EpochEntry: Sendable {
    let epoch: UInt32
    let reason: EpochReason
    let commitment: [UInt8]
    let startedAt: Instant
    /// The device that signed the epoch's record.
    let starter: SigningPublicKey
    /// The key sealed to the starter and the chain link, as the record carries them.
    let keys: EpochKeys
    /// Every device entitled at some point of this epoch (at its start, or added since and so
    /// possibly handed the key): if one loses the scope, the epoch must rotate.
    var entitledDuringEpoch: Set<SigningPublicKey>
}

/// How many records one signer signed on one UTC day of `issuedAt` (records are in date order,
/// so only the signer's latest day is kept).
struct SignerDay: Sendable {
    let day: Int64
    var count: Int
}
