public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosDossiers
public import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust

/// One first-circle member's line of a séance's roll: the answer to the convocation and, once
/// pointed, the attendance.
public struct RollEntry: Sendable {
    public let member: Member
    public let response: Seance.Response?
    /// The answer is an excuse the secretariat recorded for the member (`CouncilSession.recordExcuses`).
    public let excusedBySecretariat: Bool
    /// Present, excused or absent once attendance is closed; before, present or nil.
    public let attendance: Seance.Attendance?
}

extension CouncilSession {
    /// True when this device may read the council scope (the séances live there): not the
    /// second circle, a guest or an ended mandate.
    public var hasCouncilAccess: Bool {
        get async { await device.readableScopes.contains(CouncilRecords.scope) }
    }

    /// Refuses a device that may not read the council scope, saying why (the séances live there).
    public func requireCouncilAccess() async throws {
        guard await hasCouncilAccess else {
            throw DeviceError(.notAuthorised, Text(
                fr: "cet appareil n'a pas accès aux séances du conseil (portée du conseil) : second cercle, invité ou mandat terminé",
                en: "this device has no access to the council's séances (council scope): second circle, guest or ended mandate"))
        }
    }

    /// True when this device's member is in office today (its acknowledgements count).
    var inOffice: Bool { register.register.members[me]?.isInOffice(on: today) == true }

    /// The yearly-séance warning for `seances` today, counting from the council's beginning (its
    /// creation, or its first mandate's start when orders predate it) when no séance was ever held.
    public func seanceScheduleWarning(_ seances: [Seance]) async -> Text? {
        SeanceSchedule.warning(seances: seances, on: today, founded: await councilBeginning())
    }

    /// Every séance on this device; a member in office acknowledges receipt of each when the
    /// replica can record it (reading never depends on a write: `warning` says when it could not,
    /// and the acknowledgement is recorded later). Nothing is acknowledged unless `acknowledging`
    /// (a face that cannot tell whether the member asked for the list: the app's pages fetched by
    /// something else than the member's own navigation).
    public func seancesAcknowledgingReceipt(if acknowledging: Bool = true) throws -> (seances: [Seance], warning: Text?) {
        let seances = try council.seances()
        let warning = inOffice && acknowledging ? council.acknowledgeWhenPossible(receipts: seances.map(\.id), member: me) : nil
        return (seances, warning)
    }

    /// Séance `id` with its agenda; a member in office acknowledges reading it when the replica can
    /// record it (`warning` otherwise, as `seancesAcknowledgingReceipt`), unless not `acknowledging`.
    public func seanceAcknowledgingReading(_ id: String, if acknowledging: Bool = true) throws -> (seance: Seance, warning: Text?) {
        let seance = try council.seance(id)
        let warning = inOffice && acknowledging ? council.acknowledgeWhenPossible(receipts: [], reading: id, member: me) : nil
        return (seance, warning)
    }

    /// True when this device's member, in office, has not acknowledged reading the current
    /// convocation of `seance` (on any of their devices, as this replica knows).
    public func awaitsReadingAcknowledgement(_ seance: Seance) throws -> Bool {
        guard inOffice else { return false }
        return try !council.acknowledgements(of: seance.id).contains { $0.member == me && $0.revision == seance.revision && $0.readMs != nil }
    }

    /// This device's member answers the convocation of `seance`, even offline (it leaves at the
    /// next sync); naming a `proxy` is refused with the rule quoted: members sit in person.
    public func answer(_ seance: String, _ response: Seance.Response, proxy: String? = nil) throws {
        try council.respond(seance: seance, member: me, response, proxy: proxy)
    }

    /// Convenes `seance` (the president, or the secretariat for them), or changes its date, time
    /// or place, checking the council's convocation delay against today: within it, refused unless
    /// `urgent`. A past date is the record of a séance already held, refused before the council
    /// began (`councilBeginning`: surely a mistyped year). Returns what the convocation amounts to
    /// (in time, urgent, a past séance recorded) and what it changed.
    public func convene(_ seance: String, on date: Day, from start: TimeOfDay?, to end: TimeOfDay?, place: String,
                        urgent: Bool) async throws -> (delay: ConvocationDelay.Outcome, change: Seance.ConvocationChange) {
        // Convened again, a séance keeps the hours not named: a start moved keeps its end while
        // it still comes after (the acceptance run: « --heure 10h » dropped the 17 h end).
        let existing = try? council.seance(seance)
        let start = start ?? existing?.start
        let end = end ?? existing?.end.flatMap { kept in start.flatMap { kept > $0 ? kept : nil } }
        try Seance.checkConvocation(place: place, start: start, end: end)
        // Today at an hour already past (Paris time) is a séance held too, not one convened too late.
        let begun = start.map { Moment(date, at: $0).precedes(Moment(unixSeconds: instant.unixSeconds)) } ?? false
        let outcome = begun ? .pastSeance : try council.convocationDelay().check(seanceOn: date, today: today, urgent: urgent)
        if case .pastSeance = outcome {
            let beginning = await councilBeginning()
            guard date >= beginning else { throw Seance.beforeCouncil(date, beginning: beginning) }
        }
        let change = try council.convene(seance: seance, date: date, place: place, start: start, end: end,
                                         urgent: { if case .urgent = outcome { true } else { false } }(),
                                         recordedLate: { if case .pastSeance = outcome { true } else { false } }())
        return (outcome, change)
    }

    /// The day the council began: its log's first record, or the start of the earliest mandate
    /// recorded (a council entering its history records mandates from before its log).
    func councilBeginning() async -> Day {
        let created = Day(unixSeconds: await device.membership.createdAt.unixSeconds) ?? today
        let mandates = register.register.members.values.flatMap(\.mandates).map(\.start)
        return min(created, mandates.min() ?? created)
    }

    /// The iCalendar invitation of `seance` (`SeanceCalendar`), stamped now, in `language`.
    public func calendar(of seance: String, language: Language) async throws -> String {
        await seanceCalendar().ics(for: try council.seance(seance), stampUnixSeconds: instant.unixSeconds, language: language)
    }

    /// This council's calendar: its name and its tag (the trust root's first 16 hex digits) from the log.
    func seanceCalendar() async -> SeanceCalendar {
        let state = await device.membership
        return SeanceCalendar(councilName: state.councilName, councilTag: String(state.root.publicKey.bytes.hex.prefix(16)))
    }

    /// The quorum of `seance`, counted on the register.
    public func quorum(of seance: Seance) -> Quorum { Quorum(seance: seance, register: register.register) }

    /// Adds item `item` to séance `seance`'s agenda (refused for a séance this device does not
    /// hold, a cancelled or a held one: `CouncilStore.addAgendaItem`). Returns the dossiers named
    /// that this device holds in no scope it reads: kept, since an agenda is often set before its
    /// dossiers are added, or by another device not synced yet; the caller warns of a likely typo.
    public func addAgendaItem(_ item: String, to seance: String, title: String, dossiers: [String]) async throws -> [String] {
        let scopes = await device.readableScopes
        // A dossier sealed here whose upload waits for the next sync is known too (not a typo).
        let libraries = scopes.map { DossierLibrary(store: device.store, scope: $0) }
        let waiting = Set(try libraries.flatMap { try $0.waitingUploads().map(\.dossier) })
        let unknown = try dossiers.filter { dossier in
            try !waiting.contains(dossier) && !libraries.contains { try $0.dossier(dossier) != nil }
        }
        try council.addAgendaItem(seance: seance, item: item, title: title, dossiers: dossiers)
        return unknown
    }

    /// Moves `item` of `seance`'s agenda to `rank` (1 first); returns the rank it really has (a
    /// rank past the end places it last).
    public func moveAgendaItem(_ item: String, of seance: String, to rank: Int) throws -> Int {
        try council.moveAgendaItem(seance: seance, item: item, to: rank)
        return (try council.agenda(of: seance).firstIndex { $0.item.id == item } ?? rank - 1) + 1
    }

    /// The secretariat's task the attendance sheet is (`requireSecretariat`).
    private static let keepingAttendance = Text(fr: "tenir la feuille de présence", en: "keep attendance")

    /// Points `members` present at `seance` (the secretariat), on or after its day: each must sit
    /// in the first circle on the séance's day, all checked before any is written (a refusal says
    /// that nobody was marked).
    public func markPresent(_ members: [String], at seance: String) throws {
        // Who may comes before when: a member is told the sheet is the secretariat's, not to come back on the day.
        try requireSecretariat(Self.keepingAttendance)
        let value = try council.seance(seance)
        try value.requireHeld(by: councilDay)
        let day = value.date
        do {
            for id in members { try requireFirstCircle(id, on: day) }
        } catch let refusal as CouncilError {
            throw CouncilError(refusal.code, Text(fr: refusal.text.french + " Personne n'a été pointé : corrigez la liste et recommencez.",
                                                  en: refusal.text.english + " Nobody was marked: correct the list and run it again."))
        }
        for id in members { try council.markPresent(seance: seance, member: id) }
    }

    /// Records the excuses `members` gave the secretariat (by phone, by letter) for `seance`, while
    /// its attendance is open: each a first-circle member in office on its day, all checked before
    /// any is written. Their answer becomes « excusé·e », shown as recorded by the secretariat; a
    /// later answer from their own device replaces it. Returns the other answers the members had
    /// given (« viendra », « absent·e »), which the excuses replace.
    @discardableResult
    public func recordExcuses(_ members: [String], at seance: String) throws -> [String: Seance.Response] {
        try requireSecretariat(Text(fr: "enregistrer l'excuse d'un membre", en: "record a member's excuse"))
        let value = try council.seance(seance)
        do {
            for id in members { try requireFirstCircle(id, on: value.date) }
        } catch let refusal as CouncilError {
            throw CouncilError(refusal.code, Text(fr: refusal.text.french + " Aucune excuse n'a été enregistrée : corrigez la liste et recommencez.",
                                                  en: refusal.text.english + " No excuse was recorded: correct the list and run it again."))
        }
        for id in members { try council.recordExcuse(seance: seance, member: id) }
        return value.responses.filter { members.contains($0.key) && $0.value != .excused }
    }

    /// Withdraws the presence of `members` pointed at `seance` by mistake (the secretariat), while
    /// its attendance is open; each must have been pointed, all checked before any is written.
    public func unmarkPresent(_ members: [String], at seance: String) throws {
        try requireSecretariat(Self.keepingAttendance)
        let value = try council.seance(seance)
        if let stranger = members.first(where: { !value.present.contains($0) }) {
            throw CouncilError(.notAFirstCircleMember, Text(
                fr: "\(name(stranger)) n'est pas pointé·e présent·e à la séance \(seance) : rien n'est retiré. Voyez huisclos presence liste \(seance).",
                en: "\(name(stranger)) is not marked present at séance \(seance): nothing is withdrawn. See huisclos presence liste \(seance)."))
        }
        for id in members { try council.unmarkPresent(seance: seance, member: id) }
    }

    /// Closes `seance`'s attendance (the secretariat), on or after its day, and returns its quorum.
    /// A sheet where nobody is marked present closes only with `nobodyCame` (it never changes
    /// once closed: `CouncilError.nobodyMarkedPresent`).
    public func closeAttendance(of seance: String, nobodyCame: Bool = false) throws -> Quorum {
        try requireSecretariat(Self.keepingAttendance)
        let value = try council.seance(seance)
        try value.requireHeld(by: councilDay)
        guard !value.present.isEmpty || nobodyCame || value.attendanceClosed else {
            throw CouncilError(.nobodyMarkedPresent, CouncilError.Code.nobodyMarkedPresent.text)
        }
        try council.closeAttendance(seance: seance)
        return quorum(of: try council.seance(seance))
    }

    /// `seance`'s roll: each first-circle member in office on its day, with answer and attendance.
    public func roll(of seance: String) throws -> [RollEntry] {
        let value = try council.seance(seance)
        return register.register.firstCircle(on: value.date).map { member in
            RollEntry(member: member, response: value.responses[member.id], excusedBySecretariat: value.excusedBySecretariat.contains(member.id),
                      attendance: value.attendanceClosed ? value.attendance(of: member.id)
                          : value.present.contains(member.id) ? .present : nil)
        }
    }

    /// Today's absences report; with `signing`, the secretariat first signs into the membership
    /// log each finding not signed yet (the president may then declare a resignation ex officio)
    /// and syncs. Returns the report and how many members were signed now.
    public func absencesReport(signing: Bool) async throws -> (report: AbsenceReport, signed: Int) {
        let report = AbsenceReport(register: register.register, seances: try council.seances(), on: today)
        guard signing else { return (report, 0) }
        try requireSecretariat(Text(fr: "signer le rapport d'absences", en: "sign the absences report"))
        // A run again after a lost answer sees its first run's reports before deciding what is left to sign.
        _ = try await device.settlePendingRecords()
        var signed = 0
        for event in try report.absencesEvents() {
            guard case let .reportAbsences(member, _, digest) = event else { continue }
            let state = await device.membership
            if state.absencesReports(of: member, at: state.headTime).contains(digest) { continue }
            try await device.sign(event)
            signed += 1
        }
        _ = try await device.sync()
        return (report, signed)
    }
}
