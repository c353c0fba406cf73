import HuisClosL10n

/// The two appointment rules of the first circle — at most 30 members in office, a mandate
/// renewable once — implemented here and only here.
///
/// Both the council register (`Register.appoint`) and the trust layer's membership fold
/// (`HuisClosTrust.MembershipState`, which depends on this module for that reason) call
/// `checkFirstCircleAppointment`, so a replica refuses exactly the appointments the register
/// would refuse: the verified membership log is the register's source, and the register's rules
/// are the log's rules. The trust layer was chosen as the caller (not the reverse) because the
/// rules are the council's, phrased for people, while the trust layer only needs a yes or no.
extension CouncilRules {
    /// Refuses an appointment to the first circle when `seated` first-circle members are already
    /// in office on `day`, or when `name` already held `mandatesHeld` first-circle mandates.
    ///
    /// The mandate count is checked first: a third mandate is refused even when a seat is free.
    public static func checkFirstCircleAppointment(of name: String, seated: Int, mandatesHeld: Int,
                                                   on day: Day) throws(CouncilError) {
        guard mandatesHeld < mandatesPerPersonMax else {
            throw CouncilError(.thirdMandateRefused, Text(
                fr: "\(name) : le mandat a déjà été renouvelé une fois (deux mandats en tout, le second en cours ou achevé). \(Quote.renewableOnce.french) Un troisième mandat est refusé.",
                en: "\(name): the mandate has already been renewed once (two mandates in all, the second current or over). \(Quote.renewableOnce.english) A third mandate is refused."))
        }
        guard seated < firstCircleMembersMax else {
            throw CouncilError(.firstCircleFull, Text(
                fr: "Le premier cercle compte déjà \(seated) membres en fonction le \(day.french). \(Quote.thirtyMembers.french) Attendez la fin d'un mandat.",
                en: "The first circle already has \(seated) members in office on \(day.iso). \(Quote.thirtyMembers.english) Wait for a mandate to end."))
        }
    }
}

extension CouncilRules {
    /// The point from `start` through `end` with the most first-circle members in office, and that
    /// count: the one reading of "30 members at most" for an order dated before it is recorded.
    ///
    /// A backdated order seats its member from the order's date, so the seat must be free on every
    /// day since then, not only on the day it is recorded. The count only rises when a mandate
    /// starts, so `start` and the `mandateStarts` within (`start`, `end`] are enough. The register
    /// (days, mandates from their orders' dates), the membership log (instants, mandates from their
    /// records) and the CLI's check before signing all call this, so none accepts a 31st member
    /// another would refuse.
    public static func fullestPoint<Point: Comparable>(from start: Point, through end: Point, mandateStarts: [Point],
                                                       seated: (Point) -> Int) -> (point: Point, seated: Int) {
        let candidates = [start] + mandateStarts.filter { start < $0 && $0 <= end }
        return candidates.map { ($0, seated($0)) }.max { ($0.1, $1.0) < ($1.1, $0.0) } ?? (start, seated(start))
    }
}

extension Day {
    /// Seconds in a day (UTC days: no leap seconds in Unix time).
    static let secondsPerDay: Int64 = 86_400

    /// The UTC calendar day containing `unixSeconds`; nil outside the years `Day` accepts.
    public init?(unixSeconds: Int64) {
        // Days since 1970-01-01, then the civil-from-days conversion (proleptic Gregorian, era of 400 years).
        let (days, _) = unixSeconds.dividedReportingOverflow(by: Self.secondsPerDay)
        let z = (unixSeconds < 0 && unixSeconds % Self.secondsPerDay != 0 ? days - 1 : days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        guard let year = Int(exactly: y) else { return nil }
        self.init(year: year, month: Int(m), day: Int(d))
    }

    /// Midnight UTC at the start of this day, in Unix seconds.
    public var unixSeconds: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * mp + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return (era * 146_097 + dayOfEra - 719_468) * Self.secondsPerDay
    }
}
