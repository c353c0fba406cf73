import HuisClosCouncil
import HuisClosL10n
import HuisClosPublication

extension Consultations {
    /// A synthesis and the consultation it sums up kept in order (`DateOrder`): synthesis `synthesis`
    /// is adopted only at a séance (`adopted`: its day, and start time when it has one) at or after
    /// the consultation's end (`Consultation.end`: its closing date, or the instant the council
    /// closed it, if earlier) — a synthesis adopted before could not sum up every contribution.
    func requireEnded(_ id: String, beforeAdoptionOf synthesis: String, at adopted: Moment) throws {
        let end = try record(id).consultation.end
        try DateOrder.require(
            .init(Text(fr: "la synthèse \(synthesis) est adoptée", en: "synthesis \(synthesis) is adopted"), adopted),
            notBefore: .init(Text(fr: "la clôture de la consultation \(id)", en: "consultation \(id) closed"), Moment(unixSeconds: end)),
            rule: Text(fr: "une synthèse ne résume qu'une consultation close", en: "a synthesis sums up only a closed consultation"),
            remedy: Text(fr: "Adoptez-la à une séance tenue après la clôture (huisclos consultations voir \(id)), convoquée à cette fin s'il le faut (huisclos seances convoquer).",
                         en: "Adopt it at a séance held after the closing (huisclos consultations voir \(id)), convened for it if need be (huisclos seances convoquer)."))
    }
}
