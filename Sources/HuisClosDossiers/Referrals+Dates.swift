import HuisClosCouncil
import HuisClosL10n
import HuisClosPublication

extension Referrals {
    /// The one rule keeping an avis and the referral it answers in order: a text adopted on
    /// `adopted` answers only a referral received that day or before. Every write that could break
    /// it checks it — the adoption, a receipt recorded again, a link made by hand — so no published
    /// text says it answered a referral not yet received.
    static func requireReceived(_ referral: String, on received: Day, beforeAdoptionOf avis: String, on adopted: Day) throws(CouncilError) {
        guard received > adopted else { return }
        throw CouncilError(.invalidDate, Text(
            fr: "Dates contradictoires : l'avis \(avis) est adopté le \(adopted.french), avant la réception de la saisine \(referral) le \(received.french) ; un avis ne répond qu'à une saisine déjà reçue. Vérifiez la date de la saisine ou la séance d'adoption.",
            en: "Contradictory dates: avis \(avis) is adopted on \(adopted.iso), before referral \(referral) was received on \(received.iso); an avis answers only a referral already received. Check the referral's date or the séance of adoption."))
    }

    /// Referral `id`, if recorded.
    func referral(_ id: String) throws -> ActivityReport.Referral? {
        try list().first { $0.id == id }
    }
}
