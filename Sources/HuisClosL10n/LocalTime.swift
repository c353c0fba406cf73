public import Foundation

/// Instants as a person reads them: the council's wall clock (Europe/Paris, daylight saving
/// included), « 06/12/2026 10 h 47 » in French, "2026-12-06 10:47" in English. The one formatter
/// for tables and sentences; JSON keeps ISO 8601 UTC (`iso`).
public enum LocalTime {
    /// The council's time zone.
    public static let zone = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3_600)!

    /// `unixSeconds` in the council's time, in `language`.
    public static func text(unixSeconds: Int64, in language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: Double(unixSeconds)))
        let (year, month, day, hour, minute) = (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0)
        return switch language {
        case .french: "\(twoDigits(day))/\(twoDigits(month))/\(year) \(hour) h \(twoDigits(minute))"
        case .english: "\(year)-\(twoDigits(month))-\(twoDigits(day)) \(twoDigits(hour)):\(twoDigits(minute))"
        }
    }

    /// The day of `unixSeconds` in the council's time: « 06/12/2026 » in French, "2026-12-06" in English.
    public static func day(unixSeconds: Int64, in language: Language) -> String {
        let minute = text(unixSeconds: unixSeconds, in: language)
        return String(minute.prefix(10))
    }

    /// `unixMs` in the council's time, in `language` (to the minute).
    public static func text(unixMs: Int64, in language: Language) -> String {
        text(unixSeconds: unixMs / 1000, in: language)
    }

    /// ISO 8601 UTC to the second (`2026-12-06T09:47:14Z`), for JSON and files.
    public static func iso(unixMs: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(unixMs) / 1000))
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

extension Text {
    /// `count` with its noun in the right number: French singular for 0 and 1 (« 0 jour franc »,
    /// « 2 jours francs »), English for 1 only.
    public static func count(_ count: Int, fr: (one: String, many: String), en: (one: String, many: String)) -> Text {
        Text(fr: "\(count) \(count <= 1 ? fr.one : fr.many)", en: "\(count) \(count == 1 ? en.one : en.many)")
    }
}
