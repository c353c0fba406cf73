public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosL10n
public import HuisClosTrust

extension CouncilSession {
    /// Appoints `member` (a new id when nil) as `role` by order `orderNumber` of `orderDay` (today
    /// when nil), for a mandate ending `CouncilRules.mandateEnd(from:)`: checked first
    /// (`checkAppointment`, nothing signed on a refusal), signed into the membership log, the
    /// profile recorded in the council scope, then synced. Returns the member's id and the end of its term.
    public func appoint(_ member: MemberID?, name: String, category: Member.Category, gender: Member.Gender?, role: Role,
                        orderNumber: String, orderDay: Day?, namesake: Bool = false) async throws -> (member: MemberID, term: Day) {
        let session = try await settled()
        let id = try member ?? client.randomness.memberID()
        let day = orderDay ?? today
        try session.checkAppointment(of: id.hex, name: name, role: role, orderNumber: orderNumber, orderDay: day, namesake: namesake)
        let start = Instant(unixSeconds: day.unixSeconds)
        let term = CouncilRules.mandateEnd(from: day)
        let end = Instant(unixSeconds: term.unixSeconds)
        // A new member's profile goes with the signed record, before it leaves: a run again after a
        // lost answer then finds this person in office by this order. A member already known keeps
        // its profile until the appointment is kept.
        let council = council
        let recordProfile = { @Sendable in try council.recordProfile(member: id.hex, name: name, category: category, gender: gender) }
        try await device.sign(.appointMember(Appointment(member: id, role: role, orderNumber: orderNumber, orderDate: start,
                                                         mandateEnd: end, scopes: []))) {
            if member == nil { try recordProfile() }
        }
        if member != nil { try recordProfile() }
        _ = try await device.sync()
        return (id, term)
    }

    /// Records the vice-presidency of `member` on its running mandate (no log record, no new
    /// mandate) by order `orderNumber` of `orderDay` (today when nil), then syncs; refused for
    /// someone not sitting in the first circle or without the president's proposal
    /// (`Register.appointVicePresident`). Returns the end of the mandate it is added to.
    public func appointVicePresident(_ member: MemberID, orderNumber: String, orderDay: Day?) async throws -> Day? {
        let day = orderDay ?? today
        let register = try await settled().register.register
        try council.appointVicePresident(member: member.hex, orderNumber: orderNumber, on: day, register: register)
        _ = try await device.sync()
        return register.members[member.hex]?.mandate(on: day)?.end
    }

    /// The president's proposal of `member` as vice-president (only the president proposes:
    /// `CouncilWriteRules` refuses anyone else), then a sync.
    public func proposeVicePresident(_ member: MemberID) async throws {
        try requireFirstCircle(member.hex, on: today)
        try council.proposeVicePresident(member: member.hex, on: today)
        _ = try await device.sync()
    }

    /// Ends `member`'s mandate for `reason` (the secretariat's, or a member's own resignation),
    /// signed into the log, then syncs; its devices lose council access. Returns the term the
    /// mandate had (nil for a secretariat account), which a face shows when it ended early.
    @discardableResult
    public func endMandate(_ member: MemberID, reason: MandateEndReason) async throws -> Day? {
        if reason == .term || member.hex != me {
            try requireSecretariat(Text(fr: "terminer le mandat d'un autre membre", en: "end another member's mandate"))
        }
        let settled = try await settled()
        try settled.requireInOffice(member.hex)
        try await device.sign(.endMandate(member: member, reason: reason))
        _ = try await device.sync()
        return settled.register.register.members[member.hex]?.mandate(on: today)?.termEnd
    }

    /// The president declares `member` resigned ex officio: only for a member of today's absences
    /// report whose report the secretariat signed into the log; ends the mandate and starts a new
    /// council epoch, then syncs.
    public func declareResigned(_ member: MemberID) async throws {
        try requirePresident(Text(fr: "déclarer un membre démissionnaire d'office", en: "declare a member resigned ex officio"))
        var register = try await settled().register.register
        let report = AbsenceReport(register: register, seances: try council.seances(), on: today)
        try register.declareResigned(member.hex, on: today, report: report)
        _ = try await device.sync()  // the secretariat's signed report must have reached this device
        let state = await device.membership
        guard !state.absencesReports(of: member, at: state.headTime).isEmpty else {
            throw CouncilError(.notReportedForAbsences, Text(
                fr: "Le secrétariat n'a pas signé le rapport d'absences de \(name(member.hex)) dans le journal des membres : il le fait avec huisclos rapport absences --signer, puis recommencez.",
                en: "The secretariat has not signed \(name(member.hex))'s absences report into the membership log: it does so with huisclos rapport absences --signer; then try again."))
        }
        try await device.sign(.endMandate(member: member, reason: .exOfficio))
        try await device.startEpoch(of: CouncilRecords.scope, reason: .memberRemoved)
        _ = try await device.sync()
    }
}
