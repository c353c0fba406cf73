public import HuisClosCouncil
import HuisClosL10n

/// A séance's records as plain files for its archive package (`SEDATransfer`): the agenda and
/// the attendance as CSV (RFC 4180, `Escaping.csv`), an adopted text as Markdown. French, since
/// the archives keep the council's own language.
public enum SeanceRecordDocuments {
    /// The agenda: rank, item, title, the dossiers attached.
    public static func agendaCSV(_ seance: Seance) -> String {
        csv([["rang", "point", "titre", "dossiers"]] + zip(1..., seance.agenda).map { rank, item in
            ["\(rank)", item.id, item.title, item.dossierIDs.joined(separator: " ")]
        })
    }

    /// One member on the attendance sheet.
    public struct AttendanceRow: Sendable {
        public let member: String
        public let name: String
        public let response: Seance.Response?
        public let attendance: Seance.Attendance?

        public init(member: String, name: String, response: Seance.Response?, attendance: Seance.Attendance?) {
            self.member = member
            self.name = name
            self.response = response
            self.attendance = attendance
        }
    }

    /// The attendance sheet: each first-circle member in office on the day, answer and attendance.
    public static func attendanceCSV(_ rows: [AttendanceRow]) -> String {
        csv([["identifiant", "nom", "réponse", "présence"]] + rows.map { row in
            [row.member, row.name, row.response.label.french, row.attendance?.label.french ?? ""]
        })
    }

    /// An adopted text: its title, kind, adoption and vote, then its paragraphs, each shown as
    /// written (`Escaping.markdown`).
    public static func adoptedMarkdown(_ text: PublishedText) -> String {
        let vote = text.vote
        let lines = [
            "# " + Escaping.markdown("\(text.kind.frenchName) — \(text.title)", inline: true), "",
            Escaping.markdown("Adopté le \(text.adoptedOn.frenchInFull) à la séance \(text.seance) : \(vote.voting) votants sur \(vote.seated) membres en fonction, "
                + "\(vote.inFavour) pour, \(vote.against) contre, \(vote.abstaining) abstention(s)."
                + (text.referral.map { " En réponse à : \($0)." } ?? ""), inline: true),
            "",
        ]
        return (lines + text.paragraphs.flatMap { [Escaping.markdown($0, inline: false), ""] }).joined(separator: "\n")
    }

    /// Rows as CSV lines ending in CRLF (RFC 4180).
    static func csv(_ rows: [[String]]) -> String {
        rows.map { $0.map(Escaping.csv).joined(separator: ",") + "\r\n" }.joined()
    }
}
