
/// The instants a device judges and signs membership records at, from its own clock and the
/// relay's (measured from the relay's last answer): the rule that keeps a wrong clock, the
/// relay's or the device's, from stopping the council (Protocol/TRUST.md, "Clocks").
///
/// - A device takes records and batches dated up to the later of the two clocks (plus the usual
///   skew): a device whose clock is slow still takes what right clocks signed.
/// - It dates its own records at the earlier of the two, never before the log's head: the relay
///   refuses records dated ahead of its clock, so a relay whose clock is slow still keeps them.
///
/// The relay's clock is followed only within `TrustLimits.relayClockFollowedSecondsMax` of the
/// device's; beyond, the device keeps its own clock (`isRelayFollowed` is false) and the caller
/// names the clocks.
public struct CouncilClock: Sendable, Equatable {
    /// This device's clock, in milliseconds since the Unix epoch.
    public let deviceMs: Int64
    /// The relay's clock minus the device's, in milliseconds, as last measured; nil before any answer.
    public let relayAheadMs: Int64?

    /// The clocks as read now.
    public init(deviceMs: Int64, relayAheadMs: Int64?) {
        self.deviceMs = deviceMs
        self.relayAheadMs = relayAheadMs
    }

    /// True when the relay's clock is known and within the followed bound of the device's.
    public var isRelayFollowed: Bool {
        guard let relayAheadMs else { return false }
        return relayAheadMs.magnitude <= UInt64(TrustLimits.relayClockFollowedSecondsMax) * 1_000
    }

    /// The relay's clock when followed, else the device's.
    private var followedRelayMs: Int64 { isRelayFollowed ? deviceMs + relayAheadMs! : deviceMs }

    /// The instant what arrives is judged at, in milliseconds: the later of the two clocks.
    public var judgingMs: Int64 { max(deviceMs, followedRelayMs) }

    /// The instant what arrives is judged at.
    public var judging: Instant { Instant(unixSeconds: judgingMs / 1_000) }

    /// The date of this device's next record after `head` (the log's newest record's date): the
    /// earlier of the two clocks, never before the head.
    public func signing(after head: Instant) -> Instant {
        max(head, Instant(unixSeconds: min(deviceMs, followedRelayMs) / 1_000))
    }
}
