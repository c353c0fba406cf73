public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// A point in time, whole seconds since 1970-01-01 UTC: when a record was issued, a mandate ends,
/// a hearing expires. Seconds are enough for membership and keep the encoding one Int64.
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Seconds since the Unix epoch, UTC.
    public let unixSeconds: Int64

    /// The instant `unixSeconds` after 1970-01-01T00:00:00Z.
    public init(unixSeconds: Int64) { self.unixSeconds = unixSeconds }

    /// Earlier instants sort first.
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.unixSeconds < rhs.unixSeconds }

    /// The instant `seconds` later (saturating, so hostile values cannot trap).
    public func adding(seconds: Int64) -> Instant {
        let (sum, overflow) = unixSeconds.addingReportingOverflow(seconds)
        return Instant(unixSeconds: overflow ? (seconds > 0 ? .max : .min) : sum)
    }

    /// "@" and the Unix seconds, for messages and logs.
    public var description: String { "@\(unixSeconds)" }
}

/// A person's identity in the council: 16 random bytes chosen by the secretariat at appointment.
///
/// Opaque on purpose: names stay in the (encrypted) council register, not in the membership log
/// that the relay server stores.
public struct MemberID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The identifier's length in bytes.
    public static let length = 16
    /// The raw 16 bytes.
    public let bytes: [UInt8]

    /// Wraps 16 raw bytes; throws `.malformed` on any other length.
    public init(bytes: [UInt8]) throws(TrustError) {
        guard bytes.count == Self.length else {
            throw TrustError(.malformed, Text(fr: "un identifiant de membre fait \(Self.length) octets, reçu \(bytes.count)",
                                              en: "a member id is \(Self.length) bytes, got \(bytes.count)"))
        }
        self.bytes = bytes
    }

    /// A fresh random member id.
    public static func generate() throws(CryptoError) -> MemberID {
        MemberID(unchecked: try Sodium.randomBytes(length))
    }

    private init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// Lowercase hex of the 16 bytes.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }

    /// The member's private scope ("member:<hex>"): own annotations, readable by own devices only.
    public var privateScope: ScopeID {
        // 7 + 32 characters of the allowed alphabet: always a valid scope.
        try! ScopeID("member:" + hex)
    }

    /// The hex form: ids are not secret, and hex is how logs and scopes show them.
    public var description: String { hex }

    /// Byte order, for stable listings.
    public static func < (lhs: MemberID, rhs: MemberID) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}

/// A member's role, as the council's rules define it. Raw values are the wire encoding.
public enum Role: UInt8, Sendable, CaseIterable {
    /// Appointed with the members; convenes séances, declares resignations ex officio.
    case president = 1
    /// Appointed on the president's proposal.
    case vicePresident = 2
    /// A first-circle member.
    case member = 3
    /// An open, thematic support member: sees only the scopes granted.
    case secondCircle = 4
    /// An agent of the departmental services running the council (not a member): appoints, certifies.
    case secretariat = 5
    /// A qualified person heard by the council: sees only the hearing's dossier, for a limited time.
    case guest = 6

    /// First-circle roles: their mandates count towards the "renewable once" rule.
    public var isFirstCircle: Bool { self == .president || self == .vicePresident || self == .member }

    /// Roles that read and write the council scope without an explicit grant.
    public var holdsCouncilScope: Bool { isFirstCircle || self == .secretariat }
}

/// Why a mandate ended. Raw values are the wire encoding.
public enum MandateEndReason: UInt8, Sendable, CaseIterable {
    /// The mandate reached its term (or was ended administratively by the secretariat).
    case term = 1
    /// The member resigned.
    case resignation = 2
    /// Declared resigned ex officio by the president (three consecutive absences).
    case exOfficio = 3
}

/// What a grant allows in a scope. Raw values are the wire encoding.
public enum ScopeAccess: UInt8, Sendable, Comparable, CaseIterable {
    /// Decrypt the scope's batches and files.
    case read = 1
    /// Read, and author batches (and start key epochs) in the scope.
    case readWrite = 2

    /// Read-write is more than read: the strongest of several grants wins.
    public static func < (lhs: ScopeAccess, rhs: ScopeAccess) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Why a scope key epoch started. Raw values are the wire encoding.
public enum EpochReason: UInt8, Sendable, CaseIterable {
    /// The scope's first key.
    case initial = 1
    /// Someone lost access to the scope (removed, mandate ended, hearing expired).
    case memberRemoved = 2
    /// A device entitled to the scope was revoked.
    case deviceRevoked = 3
    /// A routine rotation.
    case scheduled = 4
}

/// A device whose certificate is in the membership log: its two public keys and its owner.
public struct CertifiedDevice: Hashable, Sendable {
    /// The device's Ed25519 key: its identity, and what its batches and records are verified with.
    public let signingKey: SigningPublicKey
    /// The device's X25519 key: where scope keys are sealed to.
    public let agreementKey: AgreementPublicKey
    /// The member the device belongs to.
    public let member: MemberID

    /// A device with its keys and owner.
    public init(signingKey: SigningPublicKey, agreementKey: AgreementPublicKey, member: MemberID) {
        self.signingKey = signingKey
        self.agreementKey = agreementKey
        self.member = member
    }
}
