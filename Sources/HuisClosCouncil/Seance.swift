import HuisClosL10n

/// A séance of the council: convened by the president, attended in person, attendance recorded
/// by the secretariat and then closed.
public struct Seance: Hashable, Sendable, Codable {
    public let id: String
    public var date: Day
    public var place: String
    /// Agenda items in order.
    public var agenda: [AgendaItem]
    /// Each member's answer to the convocation.
    public private(set) var responses: [String: Response] = [:]
    /// Members the secretariat recorded as present.
    public private(set) var present: Set<String> = []
    /// Once closed, attendance is final and counts for the absences rule.
    public private(set) var attendanceClosed = false

    public init(id: String, date: Day, place: String, agenda: [AgendaItem] = []) {
        self.id = id
        self.date = date
        self.place = place
        self.agenda = agenda
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

    private func requireOpen() throws(CouncilError) {
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
