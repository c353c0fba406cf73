public import HuisClosL10n

/// A séance of the council: convened by the president, attended in person, attendance recorded
/// by the secretariat and then closed.
public struct Seance: Hashable, Sendable, Codable {
    public let id: String
    public var date: Day
    public var place: String
    /// When it starts and ends, local time (Europe/Paris); nil when the convocation names none.
    public var start: TimeOfDay?
    public var end: TimeOfDay?
    /// How many times the convocation changed after it was first sent (date, time or place, or its
    /// cancellation): the iCalendar SEQUENCE, so calendars replace the old invitation.
    public var revision: Int = 0
    /// Convened within the minimum delay, the urgency stated by the president (`ConvocationDelay`).
    public var urgent = false
    /// Cancelled by the president: nothing more is recorded for it; calendars drop it.
    public var cancelled = false
    /// Recorded after it had begun (the council's history): HuisClos convened nobody to it, which
    /// the absences report says of each such séance it counts (`AbsenceReport.Finding.recordedLate`).
    public var recordedLate = false
    /// Agenda items in order.
    public var agenda: [AgendaItem]
    /// Each member's answer to the convocation.
    public private(set) var responses: [String: Response] = [:]
    /// The members whose answer is an excuse the secretariat recorded for them (given by phone,
    /// by letter), not one they sent from their own device.
    public private(set) var excusedBySecretariat: Set<String> = []
    /// Members the secretariat recorded as present.
    public private(set) var present: Set<String> = []
    /// Once closed, attendance is final and counts for the absences rule.
    public private(set) var attendanceClosed = false

    public init(id: String, date: Day, place: String, start: TimeOfDay? = nil, end: TimeOfDay? = nil,
                agenda: [AgendaItem] = []) {
        self.id = id
        self.date = date
        self.place = place
        self.start = start
        self.end = end
        self.agenda = agenda
    }

    /// The date and time as a convocation states them: « 12/03/2026 à 14 h », « 12/03/2026, 14 h – 17 h ».
    public var when: Text {
        switch (start, end) {
        case let (start?, end?): Text(fr: "\(date.french), \(start.french) – \(end.french)", en: "\(date.iso), \(start.iso)–\(end.iso)")
        case let (start?, nil): Text(fr: "\(date.french) à \(start.french)", en: "\(date.iso) at \(start.iso)")
        default: Text(fr: date.french, en: date.iso)
        }
    }

    /// A member's answer to a convocation. There is no proxy answer: members sit in person.
    public enum Response: String, Sendable, Codable, CaseIterable {
        case willAttend, excused, absent
    }

    /// What the closed attendance says of a member in office on the séance's date.
    public enum Attendance: String, Sendable, Codable {
        case present
        /// Absent, having sent an excuse beforehand.
        case excused
        case absent
    }

    /// Records a member's answer; refuses a proxy, quoting the rule.
    public mutating func respond(_ memberID: String, _ response: Response, proxy: String? = nil) throws(CouncilError) {
        guard proxy == nil else { throw Self.proxyRefused }
        try requireOpen()
        responses[memberID] = response
        excusedBySecretariat.remove(memberID)
    }

    /// Records the excuse `memberID` gave the secretariat (by phone, by letter): their answer is
    /// « excusé·e », marked as the secretariat's record of it. Not a proxy: nobody answers
    /// « viendra » for another.
    public mutating func recordExcuse(_ memberID: String) throws(CouncilError) {
        try requireOpen()
        responses[memberID] = .excused
        excusedBySecretariat.insert(memberID)
    }

    /// Records that a member came, as the secretariat sees it in the room.
    public mutating func markPresent(_ memberID: String) throws(CouncilError) {
        try requireOpen()
        present.insert(memberID)
    }

    /// Withdraws a presence recorded by mistake.
    public mutating func unmarkPresent(_ memberID: String) throws(CouncilError) {
        try requireOpen()
        present.remove(memberID)
    }

    /// Makes attendance final.
    public mutating func closeAttendance() { attendanceClosed = true }

    /// Refuses, on `today`, what only a séance that took place allows (pointing attendance, closing
    /// it, and so adopting a text there): a séance is held on its day, not before.
    public func requireHeld(by today: Day) throws(CouncilError) {
        guard !cancelled else { throw Self.cancelledRefusal(self) }
        guard today >= date else {
            throw CouncilError(.invalidDate, Text(
                fr: "La séance \(id) a lieu le \(date.french) : sa présence ne se pointe et ne se clôt qu'à partir de ce jour (aujourd'hui \(today.french)).",
                en: "Séance \(id) takes place on \(date.iso): its attendance is pointed and closed from that day on (today is \(today.iso))."))
        }
    }

    /// The attendance of `memberID`: present if recorded so, excused if they sent an excuse, absent otherwise.
    public func attendance(of memberID: String) -> Attendance {
        if present.contains(memberID) { return .present }
        return responses[memberID] == .excused ? .excused : .absent
    }

    /// The refusal shown to anyone who tries to name a proxy.
    public static let proxyRefused = CouncilError(.proxyRefused, Text(
        fr: "Procuration refusée. \(CouncilRules.Quote.noProxy.french)",
        en: "Proxy refused. \(CouncilRules.Quote.noProxy.english)"))

    /// The refusal of anything recorded for a cancelled séance.
    public static func cancelledRefusal(_ seance: Seance) -> CouncilError {
        CouncilError(.seanceCancelled, Text(
            fr: "La séance \(seance.id) du \(seance.date.french) est annulée : rien ne s'y enregistre plus. Pour réunir le conseil, convoquez une nouvelle séance sous un autre identifiant.",
            en: "Séance \(seance.id) of \(seance.date.iso) is cancelled: nothing more is recorded for it. To meet, convene a new séance under another id."))
    }

    /// The refusal of cancelling a séance whose attendance is closed: it was held.
    public static func heldNotCancellable(_ seance: Seance) -> CouncilError {
        CouncilError(.attendanceClosed, Text(
            fr: "La séance \(seance.id) du \(seance.date.french) s'est tenue (feuille de présence close) : elle ne peut plus être annulée.",
            en: "Séance \(seance.id) of \(seance.date.iso) was held (attendance closed): it can no longer be cancelled."))
    }

    private func requireOpen() throws(CouncilError) {
        guard !cancelled else { throw Self.cancelledRefusal(self) }
        guard !attendanceClosed else {
            throw CouncilError(.attendanceClosed, Text(
                fr: "La feuille de présence de la séance du \(date.french) est close : elle ne peut plus changer.",
                en: "Attendance for the séance of \(date.iso) is closed: it can no longer change."))
        }
    }
}

/// One item of a séance's agenda, with the dossiers attached to it.
public struct AgendaItem: Hashable, Sendable, Codable {
    public let id: String
    public var title: String
    /// Ids of dossiers attached to the item.
    public var dossierIDs: [String]

    public init(id: String, title: String, dossierIDs: [String] = []) {
        self.id = id
        self.title = title
        self.dossierIDs = dossierIDs
    }
}
