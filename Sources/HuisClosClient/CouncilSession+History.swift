import HuisClosCouncil
import HuisClosDevice
import HuisClosL10n
import HuisClosTrust

/// The secretariat's register workflows beyond one appointment: a renewal in one step, a whole
/// file of appointments, a mandate held before the log (issue 19).
extension CouncilSession {
    /// Renews `member`'s mandate by order `orderNumber` of `orderDay` (today when nil): checked on
    /// the register first, then the running mandate's end and the new appointment signed together
    /// (`Device.renewMandate`), then synced. Returns the new mandate.
    public func renew(_ member: MemberID, orderNumber: String, orderDay: Day?) async throws -> Mandate {
        try requireSecretariat(Text(fr: "renouveler un mandat", en: "renew a mandate"))
        let mandate = try await device.renewMandate(of: member, orderNumber: orderNumber, on: orderDay ?? today,
                                                    register: register.register, today: today)
        _ = try await device.sync()
        return mandate
    }

    /// Checks every line of an appointments file against the register as the earlier lines leave
    /// it (`AppointmentImport.plan`); unless `dryRun`, appoints them all in one signed batch and
    /// syncs. Returns the rows and, when written, the new members' ids in the same order.
    public func importAppointments(_ text: String, dryRun: Bool) async throws
        -> Result<(rows: [AppointmentImport.Row], members: [MemberID]?), AppointmentImport.Failure> {
        try requireSecretariat(Text(fr: "nommer des membres", en: "appoint members"))
        switch AppointmentImport.plan(text, register: register.register, today: today) {
        case let .failure(failure):
            return .failure(failure)
        case let .success(rows):
            guard !dryRun else { return .success((rows, nil)) }
            let members = try await device.appoint(rows)
            _ = try await device.sync()
            return .success((rows, members))
        }
    }

    /// Records a mandate `member` held before the council kept its log (order `orderNumber`, from
    /// `start` to `end`): checked on the register first (it counts for "renewable once", grants
    /// nothing), signed into the log, then synced. Returns the member's mandates now counted.
    public func recordPastMandate(of member: MemberID, orderNumber: String, from start: Day, to end: Day) async throws -> Int {
        try requireSecretariat(Text(fr: "enregistrer un mandat antérieur", en: "record a past mandate"))
        var register = register.register
        try register.recordPastMandate(of: member.hex, orderNumber: orderNumber, from: start, to: end, recordedOn: today)
        let circle = register.members[member.hex]?.circle
        try await device.sign(.recordPastMandate(PastMandate(
            member: member, role: circle == .second ? .secondCircle : .member, orderNumber: orderNumber,
            start: Instant(unixSeconds: start.unixSeconds), end: Instant(unixSeconds: end.unixSeconds))))
        _ = try await device.sync()
        return register.members[member.hex]?.mandates.count ?? 0
    }
}
