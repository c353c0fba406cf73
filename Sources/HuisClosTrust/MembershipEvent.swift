public import HuisClosCrypto
public import HuisClosProtocol

/// What one membership record says. Each case is one record type of `Protocol/MEMBERSHIP.md`;
/// who may sign each is `MembershipAuthorisation`'s business.
public enum MembershipEvent: Sendable, Equatable {
    /// Record 0: the council exists, and `rootKey` is its trust root.
    case genesis(rootKey: SigningPublicKey, councilName: String)
    /// A person is appointed, by an order of the departmental president.
    case appointMember(Appointment)
    /// A mandate ends before or at its term.
    case endMandate(member: MemberID, reason: MandateEndReason)
    /// A member joins a scope (a working group, a hearing), possibly until `expiry`.
    case addToScope(member: MemberID, scope: ScopeID, access: ScopeAccess, expiry: Instant?)
    /// A member leaves a scope.
    case removeFromScope(member: MemberID, scope: ScopeID)
    /// The secretariat certifies a device's keys as belonging to a member.
    case certifyDevice(CertifiedDevice)
    /// A member's device accepts the confidentiality undertaking and ethics charter (by digest).
    case acceptUndertaking(member: MemberID, device: SigningPublicKey, charterDigest: [UInt8])
    /// A device is revoked; with `wipe`, it must erase its replica at its next contact. `standing`
    /// names, per scope, the last batch of the device's chain the revocation lets stand (nil in
    /// records signed before it existed: the position rule alone then judges its batches).
    case revokeDevice(device: SigningPublicKey, wipe: Bool, standing: StandingWrites? = nil)
    /// A scope's key epoch starts; `commitment` pins the key every recipient must get, `keys`
    /// carries it sealed to its starter and the chain link from an older epoch.
    case startEpoch(scope: ScopeID, epoch: UInt32, reason: EpochReason, commitment: [UInt8], keys: EpochKeys)
    /// The secretariat's signed absences report for one first-circle member: `count` consecutive
    /// séances missed (at least `CouncilRules.consecutiveAbsencesForResignation`), `reportDigest`
    /// the BLAKE2b-256 of the report's canonical text (opaque to the relay). The president's
    /// ex officio end of that member's mandate needs one in the same mandate.
    case reportAbsences(member: MemberID, count: UInt8, reportDigest: [UInt8])
    /// A member approves, from one of their approved devices, a device the secretariat certified
    /// for them: only then is it sealed the member's keys (see `MembershipState.isApproved`).
    case approveDevice(member: MemberID, device: SigningPublicKey)
    /// The secretariat records a mandate the member held before the council kept this log: history
    /// that counts for the "renewable once" rule and never grants access.
    case recordPastMandate(PastMandate)

    /// The record type byte on the wire.
    public enum Kind: UInt8, Sendable, CaseIterable {
        /// One per event case, numbered 1…12 as in `Protocol/MEMBERSHIP.md`.
        case genesis = 1, appointMember, endMandate, addToScope, removeFromScope, certifyDevice,
             acceptUndertaking, revokeDevice, startEpoch
        /// Record type 11 (10 is the member's device approval).
        case reportAbsences = 11
        /// Type 10: a member's approval of one of their devices.
        case approveDevice = 10
        /// Type 12: a past mandate recorded as history.
        case recordPastMandate = 12
    }

    /// This event's record type.
    public var kind: Kind {
        switch self {
        case .genesis: .genesis
        case .appointMember: .appointMember
        case .endMandate: .endMandate
        case .addToScope: .addToScope
        case .removeFromScope: .removeFromScope
        case .certifyDevice: .certifyDevice
        case .acceptUndertaking: .acceptUndertaking
        case .revokeDevice: .revokeDevice
        case .startEpoch: .startEpoch
        case .reportAbsences: .reportAbsences
        case .approveDevice: .approveDevice
        case .recordPastMandate: .recordPastMandate
        }
    }
}

/// An appointment: who, in which role, by which order, until when, with which scopes.
public struct Appointment: Sendable, Equatable {
    /// The person appointed.
    public let member: MemberID
    /// The role they hold for this mandate.
    public let role: Role
    /// The order's number ("arrêté n° 2026-0142"), as printed.
    public let orderNumber: String
    /// The order's date.
    public let orderDate: Instant
    /// When the mandate ends at the latest (three years for the first circle; a guest's hearing end).
    public let mandateEnd: Instant
    /// Scopes granted read-write from the start, beyond those the role implies; strictly ascending.
    public let scopes: [ScopeID]

    /// An appointment; `scopes` is sorted and deduplicated so the encoding is canonical.
    public init(member: MemberID, role: Role, orderNumber: String, orderDate: Instant, mandateEnd: Instant, scopes: [ScopeID]) {
        self.member = member
        self.role = role
        self.orderNumber = orderNumber
        self.orderDate = orderDate
        self.mandateEnd = mandateEnd
        self.scopes = Array(Set(scopes)).sorted()
    }
}

/// A mandate held before the council kept its membership log, as its order tells it: history for
/// the "renewable once" rule, never a right (no mandate in the fold, no scope, no key).
public struct PastMandate: Sendable, Equatable {
    /// The person who held it.
    public let member: MemberID
    /// The role held: a first-circle role counts for the renewal rule.
    public let role: Role
    /// The appointing order's number, as printed.
    public let orderNumber: String
    /// The order's date: the mandate ran from it.
    public let start: Instant
    /// When it ended (at its term or earlier).
    public let end: Instant

    /// A past mandate of `member` in `role`, by order `orderNumber`, from `start` to `end`.
    public init(member: MemberID, role: Role, orderNumber: String, start: Instant, end: Instant) {
        self.member = member
        self.role = role
        self.orderNumber = orderNumber
        self.start = start
        self.end = end
    }
}

/// The rules on which scopes can be granted, shared by decoding and state checks.
public enum GrantableScope {
    /// True for scopes joined by explicit grant: not `public` (never encrypted), not `council`
    /// (implied by role), not a member's private scope (own devices only).
    public static func allows(_ scope: ScopeID) -> Bool {
        scope != .public && scope != .council && !scope.rawValue.hasPrefix("member:")
    }

    /// Scopes the president may manage besides the secretariat: working groups and hearings.
    public static func isPresidential(_ scope: ScopeID) -> Bool {
        scope.rawValue.hasPrefix("group:") || scope.rawValue.hasPrefix("hearing:")
    }
}
