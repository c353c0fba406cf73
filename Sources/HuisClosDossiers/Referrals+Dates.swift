import HuisClosCouncil
import HuisClosL10n
import HuisClosPublication

extension Referrals {
    /// An avis and the referral it answers kept in order (`DateOrder`): a text adopted on `adopted`
    /// answers only a referral received that day or before. Every write that could break it checks
    /// it — the adoption, a receipt recorded again, a link made by hand — so no published text says
    /// it answered a referral not yet received.
    static func requireReceived(_ referral: String, on received: Day, beforeAdoptionOf avis: String, on adopted: Day) throws(CouncilError) {
        try DateOrder.require(
            .init(Text(fr: "l'avis \(avis) est adopté", en: "avis \(avis) is adopted"), Moment(adopted)),
            notBefore: .init(Text(fr: "la réception de la saisine \(referral)", en: "referral \(referral) was received"), Moment(received)),
            rule: Text(fr: "un avis ne répond qu'à une saisine déjà reçue", en: "an avis answers only a referral already received"),
            remedy: Text(fr: "Vérifiez la date de la saisine ou la séance d'adoption.", en: "Check the referral's date or the séance of adoption."))
    }

    /// Referral `id`, if recorded.
    func referral(_ id: String) throws -> ActivityReport.Referral? {
        try list().first { $0.id == id }
    }
}
