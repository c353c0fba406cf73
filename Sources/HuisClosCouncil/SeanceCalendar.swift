public import HuisClosL10n

/// A séance's convocation as an iCalendar object (RFC 5545) a member's calendar takes: the
/// séance's date, time and place in the Europe/Paris time zone (its daylight-saving rules
/// included, so the hour is right on either side of a change), updated by SEQUENCE when the
/// convocation changes and marked cancelled when the séance is.
///
/// The calendar is published (`METHOD:PUBLISH`): HuisClos sends it to no one and names no
/// organiser or attendee. It carries no agenda nor dossier — only what the convocation's envelope
/// would show — because it leaves the encrypted replica (a file, an e-mail attachment).
public struct SeanceCalendar: Sendable {
    /// The council's name, as the membership log's genesis names it.
    public let councilName: String
    /// A stable tag of the council (its trust root's first hex digits): with the séance id, the
    /// event's UID, unique across councils and the same for every member and every update.
    public let councilTag: String

    public init(councilName: String, councilTag: String) {
        self.councilName = councilName
        self.councilTag = councilTag
    }

    /// The time zone every time is given in.
    public static let timeZone = "Europe/Paris"

    /// The iCalendar text of `seance`, stamped at `stampUnixSeconds` (when the file is made), its
    /// words in `language`; lines end with CRLF and fold at 75 octets.
    public func ics(for seance: Seance, stampUnixSeconds: Int64, language: Language) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//HuisClos//Convocations//FR", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH"]
        if seance.start != nil { lines += Self.parisTimeZone }
        lines += ["BEGIN:VEVENT",
                  "UID:seance-\(Self.escapeUID(seance.id))-\(councilTag)@huisclos",
                  "DTSTAMP:" + Self.utcStamp(stampUnixSeconds),
                  "SEQUENCE:\(seance.revision)"]
        if let start = seance.start {
            lines.append("DTSTART;TZID=\(Self.timeZone):" + Self.local(seance.date, start))
            if let end = seance.end, start < end { lines.append("DTEND;TZID=\(Self.timeZone):" + Self.local(seance.date, end)) }
        } else {
            // A séance without a time is a whole-day event: DTEND is the next day, exclusive.
            lines.append("DTSTART;VALUE=DATE:" + Self.compact(seance.date))
            lines.append("DTEND;VALUE=DATE:" + Self.compact(Day(unixSeconds: seance.date.unixSeconds + Day.secondsPerDay) ?? seance.date))
        }
        let summary = Text(fr: "Séance du \(councilName)", en: "Séance of the \(councilName)")
        let urgent = seance.urgent ? Text(fr: " (convoquée en urgence)", en: " (convened in urgency)") : Text(fr: "", en: "")
        let description = Text(
            fr: "Convocation à la séance \(seance.id). L'ordre du jour et les dossiers sont dans HuisClos : huisclos seances voir \(seance.id).",
            en: "Convocation to séance \(seance.id). The agenda and dossiers are in HuisClos: huisclos seances voir \(seance.id).")
        lines += ["SUMMARY:" + Self.escapeText(summary.in(language) + urgent.in(language)),
                  "LOCATION:" + Self.escapeText(seance.place),
                  "DESCRIPTION:" + Self.escapeText(description.in(language)),
                  "STATUS:" + (seance.cancelled ? "CANCELLED" : "CONFIRMED"),
                  "TRANSP:OPAQUE",
                  "END:VEVENT", "END:VCALENDAR"]
        return lines.map(Self.fold).joined()
    }

    /// Europe/Paris since 1996: CEST from the last Sunday of March at 02:00, CET from the last
    /// Sunday of October at 03:00 (EU directive 2000/84/EC).
    static let parisTimeZone = [
        "BEGIN:VTIMEZONE", "TZID:\(timeZone)",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19960331T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19961027T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// `YYYYMMDD`.
    static func compact(_ day: Day) -> String { String(day.iso.filter { $0 != "-" }) }

    /// `YYYYMMDDTHHMM00`, a local time.
    static func local(_ day: Day, _ time: TimeOfDay) -> String {
        compact(day) + "T" + TimeOfDay.twoDigits(time.hour) + TimeOfDay.twoDigits(time.minute) + "00"
    }

    /// `YYYYMMDDTHHMMSSZ`, a UTC time.
    static func utcStamp(_ unixSeconds: Int64) -> String {
        let day = Day(unixSeconds: unixSeconds) ?? Day.first
        let seconds = Int(unixSeconds - day.unixSeconds)
        return compact(day) + "T" + TimeOfDay.twoDigits(seconds / 3600) + TimeOfDay.twoDigits(seconds / 60 % 60)
            + TimeOfDay.twoDigits(seconds % 60) + "Z"
    }

    /// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped;
    /// control characters (C0 and C1) and bidirectional overrides dropped, so a place written by
    /// someone else drives neither a terminal nor the calendar's display order.
    static func escapeText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n": result += "\\n"
            case "\r": continue
            default:
                // Other control characters are not allowed in a TEXT value.
                if HiddenCharacters.contains(scalar) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A séance id in a UID: its characters (letters, digits, - _ .) kept, anything else dropped.
    public static func escapeUID(_ id: String) -> String {
        String(id.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
            .map(Character.init))
    }

    /// One content line, folded so that no line exceeds 75 octets (a fold never splits a
    /// character's UTF-8 bytes), each ending with CRLF.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result + "\r\n"
    }
}
