public import HuisClosL10n

/// The convocation's minimum delay: a séance convened (or moved to a date) with fewer clear days
/// before it than the council's minimum is refused unless the president states the urgency; an
/// irregular convocation can void what the séance decides, so the refusal quotes the rule.
///
/// Clear days (« jours francs ») count neither the day the convocation is sent nor the séance's day:
/// sent on the 1st for a séance on the 7th, 5 clear days (2nd to 6th). A séance dated before today
/// is the record of a past séance (a council entering its history), not a convocation: it is
/// accepted and said so.
public struct ConvocationDelay: Sendable, Equatable {
    /// The minimum, in clear days.
    public let clearDays: Int

    public init(clearDays: Int = CouncilRules.convocationClearDaysDefault) {
        self.clearDays = clearDays
    }

    /// The values a council may record: 0 (no minimum: even the same day) to 60 days.
    public static let allowed = 0...60

    /// The refusal of a delay outside `allowed`.
    public static func outOfRange(_ days: Int) -> CouncilError {
        CouncilError(.invalidDate, Text(
            fr: "Délai de convocation de \(days) jours refusé : donnez un nombre de jours francs entre \(allowed.lowerBound) et \(allowed.upperBound).",
            en: "A convocation delay of \(days) days is refused: give a number of clear days between \(allowed.lowerBound) and \(allowed.upperBound)."))
    }

    /// What convening on `today` a séance on `day` amounts to.
    public enum Outcome: Sendable, Equatable {
        /// The delay is met.
        case inTime
        /// Within the delay, urgency stated: recorded as urgent.
        case urgent(clearDays: Int)
        /// The séance's day is past: the record of a séance already held.
        case pastSeance
    }

    /// Clear days between `today` and `day` (negative when `day` is past).
    public static func clearDays(from today: Day, to day: Day) -> Int {
        Int((day.unixSeconds - today.unixSeconds) / Day.secondsPerDay) - 1
    }

    /// Checks a convocation sent on `today` for `day`; refuses one within the delay unless `urgent`.
    public func check(seanceOn day: Day, today: Day, urgent: Bool) throws(CouncilError) -> Outcome {
        if day < today { return .pastSeance }
        let clear = Self.clearDays(from: today, to: day)
        if clear >= clearDays || clearDays == 0 { return .inTime }
        guard urgent else {
            throw CouncilError(.convocationTooLate, Text(
                fr: "Convocation trop tardive : \(Self.clearDaysText(max(clear, 0)).french) avant la séance du \(day.french), le conseil en demande \(clearDays). \(CouncilRules.Quote.convocationDelay(clearDays: clearDays).french) Choisissez une date plus lointaine, ou, si la présidence le justifie, ajoutez --urgence (l'urgence est alors inscrite dans la convocation).",
                en: "Convocation too late: \(Self.clearDaysText(max(clear, 0)).english) before the séance of \(day.iso), the council requires \(clearDays). \(CouncilRules.Quote.convocationDelay(clearDays: clearDays).english) Choose a later date or, if the president justifies it, add --urgence (the urgency is then recorded in the convocation)."))
        }
        return .urgent(clearDays: max(clear, 0))
    }

    /// « 1 jour franc », « 5 jours francs ».
    public static func clearDaysText(_ count: Int) -> Text {
        Text.count(count, fr: ("jour franc", "jours francs"), en: ("clear day", "clear days"))
    }
}
