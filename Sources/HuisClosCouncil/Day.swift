public import HuisClosL10n

/// A calendar day (no time, no zone): orders, mandates and séances are dated by day.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid Gregorian date; nil otherwise.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month),
              (1...Day.length(ofMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses a day as a person types it: `YYYY-MM-DD`, or `DD/MM/YYYY` as French documents
    /// write it (`D/M/YYYY` too).
    public init?(typed text: String) {
        if let day = Day(iso: text) {
            self = day
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count), parts[2].count == 4,
              let d = Int(parts[0]), let m = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    /// `DD/MM/YYYY`, as French documents write dates.
    public var french: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(d)/\(m)/\(year)"
    }

    public var description: String { iso }

    /// The day as a person reads it: `french` in French, `iso` in English.
    public func text(in language: Language) -> String { language == .french ? french : iso }

    /// The first and last days a `Day` holds.
    public static let first = Day(year: 1900, month: 1, day: 1)!
    public static let last = Day(year: 9999, month: 12, day: 31)!

    /// The same day `years` later; 29 February becomes 28 February in a common year. Past the
    /// years a `Day` holds it stops at `first` or `last` (never a crash on a date typed as 9998).
    public func adding(years: Int) -> Day {
        let y = year + years
        guard (1900...9999).contains(y) else { return y < 1900 ? .first : .last }
        return Day(year: y, month: month, day: min(day, Day.length(ofMonth: month, year: y)))!
    }

    /// The same day `months` later, clamped to the month's length (and to `first` … `last`).
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        guard (1900...9999).contains(y), index >= 0 else { return index < 1900 * 12 ? .first : .last }
        return Day(year: y, month: m, day: min(day, Day.length(ofMonth: m, year: y)))!
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    private static func length(ofMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension Day {
    /// Monday 1 … Sunday 7 (1970-01-01 was a Thursday).
    var weekday: Int {
        let days = Int(unixSeconds / Self.secondsPerDay)
        return ((days + 3) % 7 + 7) % 7 + 1
    }

    /// « jeudi 17 décembre 2026 », as a French convocation writes the day.
    public var frenchInFull: String {
        let weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        let months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
        return "\(weekdays[weekday - 1]) \(day == 1 ? "1er" : "\(day)") \(months[month - 1]) \(year)"
    }

    /// "Thursday 17 December 2026".
    public var englishInFull: String {
        let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(weekdays[weekday - 1]) \(day) \(months[month - 1]) \(year)"
    }
}
