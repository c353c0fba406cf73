/// The secretariat's report under the absences rule: first-circle members in office whose last
/// three closed séances held during their mandate all found them not present.
///
/// Which absences count: the rule says "absent", and members sit in person, so an **excused**
/// absence counts as an absence; the report shows how many of the run were excused so the
/// president, who alone declares resignation, can weigh them. Séances before a member's mandate
/// began, or with attendance not yet closed, do not count. A presence resets the run. Séances
/// recorded after they had begun (`Seance.recordedLate`) count, and are named: HuisClos convened
/// nobody to them, so the convocation the declaration rests on is to be checked elsewhere.
public struct AbsenceReport: Sendable, Equatable, Codable {
    /// One member the rule reaches.
    public struct Finding: Sendable, Equatable, Codable {
        public let memberID: String
        public let name: String
        /// The consecutive séances missed, oldest first (at least three).
        public let seanceIDs: [String]
        /// How many of those the member had sent an excuse for.
        public let excused: Int
        /// Those of the séances recorded after they had begun: no convocation through HuisClos.
        public let recordedLate: [String]
    }

    public let day: Day
    public let findings: [Finding]

    /// Builds the report as of `day` from the register and every séance.
    public init(register: Register, seances: [Seance], on day: Day) {
        self.day = day
        let closed = seances.filter { $0.attendanceClosed && $0.date <= day }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        findings = register.firstCircle(on: day).compactMap { member in
            var run: [Seance] = []
            for seance in closed where member.isInOffice(on: seance.date) {
                if seance.attendance(of: member.id) == .present { run.removeAll() } else { run.append(seance) }
            }
            guard run.count >= CouncilRules.consecutiveAbsencesForResignation else { return nil }
            return Finding(memberID: member.id, name: member.name, seanceIDs: run.map(\.id),
                           excused: run.filter { $0.attendance(of: member.id) == .excused }.count,
                           recordedLate: run.filter(\.recordedLate).map(\.id))
        }
    }

    /// Whether the report names `memberID`.
    public func names(_ memberID: String) -> Bool { findings.contains { $0.memberID == memberID } }
}
