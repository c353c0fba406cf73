import HuisClosProtocol

/// Every size and count limit of the trust layer, in one place, each with its unit and reason.
///
/// Decoders check these before allocating, so hostile input from the relay cannot make a client
/// allocate or loop without bound.
public enum TrustLimits {
    /// A council's name, in UTF-8 bytes: "Conseil numérique de la Seine-Saint-Denis" is 42; 128
    /// leaves room for any official name and keeps a genesis record small.
    public static let councilNameBytesMax = 128
    /// An order number ("arrêté n° 2026-0142"), in UTF-8 bytes: official references are short.
    public static let orderNumberBytesMax = 64
    /// Scopes granted in one appointment: a member sits in a handful of working groups; 32 bounds
    /// the record while leaving a wide margin.
    public static let appointmentScopesMax = 32
    /// Scopes a revocation's standing writes list (`StandingWrites`): the scopes the signer reads
    /// where the revoked device may write — council, a private scope, a few groups and hearings;
    /// 32 entries of at most 73 bytes keep a revocation within the payload limit.
    public static let revocationStandingScopesMax = 32
    /// Bytes of one record's payload: the largest (an appointment with 32 scopes of 64 bytes) is
    /// about 2.3 KiB; 4 KiB refuses anything larger before it is parsed.
    public static let recordPayloadBytesMax = 4_096
    /// Records in one membership log: 30 members × 2 mandates × a few devices, scope changes and
    /// key epochs stay far below 100,000 for decades; the cap bounds the client's fold in memory.
    public static let membershipRecordsMax = 100_000
    /// Certified, unrevoked devices per member: phone, tablet, laptop and spares. It bounds the
    /// sealed keys sent at each rotation (one per entitled device).
    public static let activeDevicesPerMemberMax = 8
    /// How far ahead of the verifying device's clock a record may be dated, in seconds. Clocks
    /// drift (a phone off for weeks, no NTP); 10 minutes tolerates that. A record dated further
    /// ahead is refused, because every later record must be dated after it: one future-dated
    /// record from any authorised device would otherwise block the log until that date.
    public static let recordClockSkewSecondsMax: Int64 = 600
    /// How far ahead of the relay's clock a record it relays may be dated, in seconds. The relay
    /// keeps NTP time (a server); devices sign at their clock or the log's head, whichever is
    /// later, so an honest record is never ahead of a right relay clock by more than a device's
    /// drift. Two minutes tolerates that drift, and bounds how far one signer can push the log's
    /// head into the future: honest devices then sign at the head's date, never refused for it.
    public static let relayClockSkewSecondsMax: Int64 = 120
    /// How far a device follows the relay's clock when the two disagree, in seconds
    /// (`CouncilClock`): it takes records and batches dated up to the relay's clock (plus the
    /// usual skew) and dates its own no later than the relay's clock, so one wrong clock — the
    /// relay's or the device's — stops nothing. A day covers a clock set to the wrong time zone
    /// or off for days; it also bounds what a relay colluding with a stolen signing device gains
    /// (a record dated at most this far ahead of an honest device's clock). Beyond it, the device
    /// keeps its own clock and says whose clock is off, by how much, and what to do.
    public static let relayClockFollowedSecondsMax: Int64 = 86_400
    /// Records one device of a member (second circle, guest, first circle) may sign per UTC day
    /// of `issuedAt`: a member signs a handful (undertaking, own device revoked, a resignation,
    /// key epochs of their private scope and groups); 16 leaves room, and a flood from a stolen or
    /// hostile device fills at most 16 records a day, never the log.
    public static let memberRecordsPerDeviceDayMax = 16
    /// Records one device of the president may sign per UTC day: working groups and hearings
    /// opened with their members (one grant each) and key epochs; 64 covers a busy day.
    public static let presidentRecordsPerDeviceDayMax = 64
    /// Records one secretariat device may sign per UTC day: importing a whole council (about 100
    /// people, each appointed, certified and granted scopes) in one day is some 400 records.
    public static let secretariatRecordsPerDeviceDayMax = 500
    /// Records at the end of the log that only the secretariat and the root may fill: once the log
    /// holds `membershipRecordsMax` minus this many, members' devices sign nothing more, so the
    /// secretariat can always revoke a flooder and end a mandate.
    public static let membershipRecordsSecretariatReserve = 10_000
    /// Records at the very end of the log that only the trust root may fill: a stolen secretariat
    /// device flooding the log cannot stop the root from revoking it.
    public static let membershipRecordsRootReserve = 1_000
    /// The smallest padded body, in bytes: hides the size of small edits (a field change is tens of bytes).
    public static let paddingBucketBytesMin = 256
    /// Up to this size, in bytes, padded bodies are powers of two (at most 2× overhead, few distinct sizes).
    public static let paddingPowerOfTwoBytesMax = 65_536
    /// Above `paddingPowerOfTwoBytesMax`, padded bodies are multiples of this many bytes (overhead
    /// at most 64 KiB, under 100% and shrinking as bodies grow).
    public static let paddingStepBytes = 65_536
    /// The largest operations payload a sealed body may carry, in bytes: its padded bucket plus the
    /// AEAD overhead must fit `WireLimits.batchBodyBytesMax` (4 MiB); the last bucket below that is
    /// 4 MiB − 64 KiB, and one byte of it is the padding marker.
    public static let sealedOpsBytesMax = WireLimits.batchBodyBytesMax - paddingStepBytes - 1
    /// How long an epoch's key may stay missing on an authorised starter's device before it
    /// supersedes the epoch, in seconds. An honest starter drops the keys right after its record
    /// reaches the relay (seconds); past 15 minutes the epoch is taken as dangling (its starter
    /// shared no key, or a broken one) and a new epoch replaces it, linked from an older one.
    public static let danglingEpochGraceSeconds: Int64 = 900
}
