public import HuisClosCouncil
public import HuisClosCouncilStore
public import HuisClosDevice
public import HuisClosTrust

/// A session's council side: the device's council records and the register folded from its
/// verified log, at one instant of the session's clock.
public struct CouncilSession {
    /// The session it was read from.
    public let client: ClientSession
    /// The council records of the device's replica.
    public let council: CouncilStore
    /// The register folded from the verified log and the council records.
    public let register: CouncilRegister
    /// Today (UTC), by the session's clock.
    public let today: Day
    /// Now, by the session's clock.
    public let instant: Instant
    /// Today on the council's wall clock (Europe/Paris), the day its séances are dated in: ahead of
    /// `today` between midnight in Paris and midnight UTC.
    public var councilDay: Day { Moment(unixSeconds: instant.unixSeconds).day }

    /// The unlocked device.
    public var device: Device { client.device }

    /// This device's member id (hex).
    public var me: String { device.member.hex }

    /// The name the register gives `id`, or the id.
    public func name(_ id: String) -> String { register.register.members[id]?.name ?? id }

    /// This session, or a new one read after settling the records this device signed without
    /// hearing the relay keep them (`Device.settlePendingRecords`, which throws when they cannot be
    /// settled): every workflow that checks the register before it signs into the log starts here,
    /// so a command run again after a lost answer checks against its first run and signs nothing
    /// twice. No network when no such record is noted.
    func settled() async throws -> CouncilSession {
        try await device.settlePendingRecords() == 0 ? self : try await client.councilSession()
    }
}

extension ClientSession {
    /// The council records and the register as they stand now on this device (no network: reading
    /// works offline; a workflow that signs into the log starts from `CouncilSession.settled()`).
    public func councilSession() async throws -> CouncilSession {
        let council = device.council
        let log = await device.membershipLog
        let register = CouncilRegister(log: log, profiles: try council.profiles(), proposals: try council.vicePresidentProposals(),
                                       appointments: try council.vicePresidentAppointments())
        let now = instant
        return CouncilSession(client: self, council: council, register: register,
                              today: Day(unixSeconds: now.unixSeconds) ?? Day(year: 1970, month: 1, day: 1)!, instant: now)
    }
}
