import Foundation
public import HuisClosL10n

/// When an act of the council took place, as its records date it: a day, and the minute on the
/// council's wall clock (Europe/Paris) when the record has one (a séance's start, a consultation's closing).
public struct Moment: Sendable, Equatable {
    public let day: Day
    public let time: TimeOfDay?

    public init(_ day: Day, at time: TimeOfDay? = nil) {
        self.day = day
        self.time = time
    }

    /// The minute holding `unixSeconds` on the council's wall clock.
    public init(unixSeconds: Int64) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalTime.zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: Double(unixSeconds)))
        self.init(Day(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? .first,
                  at: TimeOfDay(hour: parts.hour ?? 0, minute: parts.minute ?? 0))
    }

    /// True when `self` comes strictly before `other`: to the minute when both have a time, by day otherwise.
    public func precedes(_ other: Moment) -> Bool {
        guard let time, let otherTime = other.time, day == other.day else { return day < other.day }
        return time < otherTime
    }

    /// « 12/05/2026 » or « 12/05/2026 à 14 h 30 »; "2026-05-12" or "2026-05-12 14:30".
    public var text: Text {
        guard let time else { return Text(fr: day.french, en: day.iso) }
        return Text(fr: "\(day.french) à \(time.french)", en: "\(day.iso) \(time.iso)")
    }
}

/// The one rule keeping the council's dated acts in order (issue 18, item 3): an act (an adoption,
/// a report) is not dated before what it depends on (the referral an avis answers, the
/// consultation a synthesis sums up, the year a report accounts for). Every write that could break
/// an order checks it here, so no published text states dates that contradict each other.
public enum DateOrder {
    /// An act and when it took place; `what` reads after « Dates contradictoires : » (« l'avis a-1
    /// est adopté », "avis a-1 is adopted").
    public struct Act: Sendable {
        public let what: Text
        public let when: Moment

        public init(_ what: Text, _ when: Moment) {
            self.what = what
            self.when = when
        }
    }

    /// Refuses (`CouncilError.invalidDate`, nothing to write) `act` when it precedes `required`;
    /// the message states both dates, `rule` (why the order holds) and `remedy` (what to do).
    public static func require(_ act: Act, notBefore required: Act, rule: Text, remedy: Text) throws(CouncilError) {
        guard act.when.precedes(required.when) else { return }
        throw CouncilError(.invalidDate, Text(
            fr: "Dates contradictoires : \(act.what.french) le \(act.when.text.french), avant \(required.what.french) le \(required.when.text.french) ; \(rule.french). \(remedy.french)",
            en: "Contradictory dates: \(act.what.english) on \(act.when.text.english), before \(required.what.english) on \(required.when.text.english); \(rule.english). \(remedy.english)"))
    }
}
