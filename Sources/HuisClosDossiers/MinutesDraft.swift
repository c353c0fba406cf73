import HuisClosCouncil
import HuisClosPublication

/// The first draft of a séance's procès-verbal, in French, one paragraph per part: the séance
/// (date, time, place), the attendance and quorum, the agenda, one paragraph per agenda item for
/// the debates, each text adopted with its vote and the referral it answers, the closing.
struct MinutesDraft {
    let seance: Seance
    let register: Register
    /// The texts adopted at the séance.
    let avis: [PublishedText]

    var paragraphs: [String] {
        var paragraphs = [opening, attendance, agenda]
        paragraphs += zip(1..., seance.agenda).map { rank, item in "Point \(rank) — \(item.title). [Exposé et débats à compléter.]" }
        paragraphs += avis.sorted { $0.id < $1.id }.map(adoption)
        paragraphs.append("L'ordre du jour étant épuisé, la séance est levée.")
        return paragraphs
    }

    /// « Séance du jeudi 17 décembre 2026, de 14 h à 17 h, à Bobigny, salle du conseil. »
    var opening: String {
        let time = switch (seance.start, seance.end) {
        case let (start?, end?): ", de \(start.french) à \(end.french)"
        case let (start?, nil): ", à \(start.french)"
        default: ""
        }
        let urgency = seance.urgent ? " Convoquée en urgence, en deçà du délai de convocation." : ""
        return "Séance du \(seance.date.frenchInFull)\(time), à \(seance.place).\(urgency)"
    }

    /// Who was present, excused and absent among the first circle in office, and the quorum.
    var attendance: String {
        let members = register.firstCircle(on: seance.date)
        func names(_ attendance: Seance.Attendance) -> [String] {
            members.filter { seance.attendance(of: $0.id) == attendance }.map(\.name).sorted()
        }
        func line(_ label: String, _ list: [String]) -> String { "\(label) (\(list.count)) : \(list.isEmpty ? "aucun" : list.joined(separator: ", "))." }
        let quorum = Quorum(seance: seance, register: register)
        let reached = quorum.isReached ? "atteint" : "non atteint"
        return [line("Présents", names(.present)), line("Excusés", names(.excused)), line("Absents", names(.absent)),
                "Quorum \(reached) : \(quorum.present) présents sur \(quorum.inOffice) membres en fonction, \(quorum.required) requis."].joined(separator: " ")
    }

    /// The agenda as convened.
    var agenda: String {
        guard !seance.agenda.isEmpty else { return "Ordre du jour : aucun point inscrit." }
        return "Ordre du jour : " + zip(1..., seance.agenda).map { "\($0). \($1.title)" }.joined(separator: " ; ") + "."
    }

    /// « Avis « Titre » (id) adopté : 4 votants, 3 pour, 0 contre, 1 abstention. En réponse à : … »
    func adoption(_ text: PublishedText) -> String {
        let vote = text.vote
        let answer = text.referral.map { " En réponse à : \($0)." } ?? ""
        return "\(text.kind.frenchName) « \(text.title) » (\(text.id)) adopté : \(vote.voting) votants, \(vote.inFavour) pour, \(vote.against) contre, \(vote.abstaining) abstention(s).\(answer)"
    }
}
