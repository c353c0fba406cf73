public import HuisClosL10n

extension Register {
    /// The president's declaration of resignation ex officio: allowed only for a member the
    /// secretariat's absence report names. The mandate ends on `day`.
    public mutating func declareResigned(_ id: String, on day: Day, report: AbsenceReport) throws(CouncilError) {
        guard report.names(id) else {
            let name = members[id]?.name ?? id
            throw CouncilError(.notReportedForAbsences, Text(
                fr: "\(name) ne figure pas au rapport d'absences. \(CouncilRules.Quote.absences.french)",
                en: "\(name) is not in the absences report. \(CouncilRules.Quote.absences.english)"))
        }
        try endMandate(of: id, on: day, reason: .declaredResigned)
    }
}

/// The yearly-séance rule: the council meets at least once a year.
public enum SeanceSchedule {
    /// A warning when no séance has been held in the last 12 months before `day` (nil if fine),
    /// nor in a council `founded` less than 12 months before (nothing is late in its first year).
    public static func warning(seances: [Seance], on day: Day, founded: Day? = nil) -> Text? {
        let held = seances.filter { $0.date <= day }.map(\.date).max()
        let limit = day.adding(months: -CouncilRules.monthsWithoutSeanceWarning)
        if let held, held > limit { return nil }
        if held == nil, let founded, founded > limit { return nil }
        let since = held.map { Text(fr: "depuis le \($0.french)", en: "since \($0.iso)") }
            ?? Text(fr: "depuis sa création", en: "since it was set up")
        return Text(fr: "Aucune séance tenue \(since.french) : le conseil se réunit au moins une fois par an.",
                    en: "No séance held \(since.english): the council meets at least once a year.")
    }
}
