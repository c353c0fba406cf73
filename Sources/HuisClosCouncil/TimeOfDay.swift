/// A time of day on the council's wall clock (Europe/Paris), to the minute: when a séance starts
/// or ends. Kept as local time, as a convocation states it; `SeanceCalendar` names the time zone.
public struct TimeOfDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    /// A valid time (00:00 to 23:59); nil otherwise.
    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `HH:MM` or the French `14h30` / `14h` / `14 h 30` (as `french` prints it; one or
    /// two digits for the hour).
    public init?(text: String) {
        let text = text.filter { !$0.isWhitespace }
        let separator: Character = text.contains(":") ? ":" : "h"
        let parts = text.lowercased().split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[0].allSatisfy(\.isASCII),
              parts[1].isEmpty ? separator == "h" : parts[1].count == 2,
              let hour = Int(parts[0]), let minute = parts[1].isEmpty ? 0 : Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `HH:MM`.
    public var iso: String { Self.twoDigits(hour) + ":" + Self.twoDigits(minute) }

    /// `14 h 30`, `9 h`, as French convocations write times.
    public var french: String { minute == 0 ? "\(hour) h" : "\(hour) h \(Self.twoDigits(minute))" }

    public var description: String { iso }

    /// Minutes since midnight.
    public var minutes: Int { hour * 60 + minute }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
