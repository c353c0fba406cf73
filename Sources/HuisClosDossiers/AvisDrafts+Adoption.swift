public import HuisClosCouncil
import HuisClosL10n
public import HuisClosPublication
import HuisClosStore

extension AvisDrafts {
    /// Records the adoption of `id` at `seance` with `vote`, after checking the séance was held
    /// (its attendance closed: the council adopts texts in a séance it actually held) with its
    /// quorum (`Quorum`, counted on `register`), and that the séance does not precede the referral
    /// the draft answers; then, if the draft answers a referral, records it answered by this avis.
    /// A synthesis is adopted with its consultation's `tally` (`Consultations.tally`), no other text with one.
    ///
    /// Refused while a paragraph shows a conflict (`adopt(_:seance:on:vote:)`), when the vote
    /// counts more members voting than were present, without quorum (`CouncilError.quorumNotReached`)
    /// or before the referral was received or the consultation summed up ended (`CouncilError.invalidDate`,
    /// `Referrals.requireReceived`, `Consultations.requireEnded`).
    /// Nothing is written when refused.
    public func adopt(_ id: String, at seance: Seance, register: Register, vote: PublishedText.Vote, tally: PublishedText.Tally? = nil) throws {
        guard seance.attendanceClosed else {
            throw DossierError(.wrongState, Text(
                fr: "la séance \(seance.id) du \(seance.date.iso) n'a pas été tenue (sa feuille de présence n'est pas close) : clôturez-la d'abord (huisclos presence clore \(seance.id))",
                en: "séance \(seance.id) of \(seance.date.iso) has not been held (its attendance is not closed): close it first (huisclos presence clore \(seance.id))"))
        }
        try Quorum.require(at: seance, register: register, refused: Text(fr: "Adoption refusée", en: "Adoption refused"),
                           remedy: Text(fr: "Inscrivez le texte à une prochaine séance.", en: "Put the text on a later séance's agenda."))
        guard vote.voting <= seance.present.count else {
            throw DossierError(.invalidArgument, Text(
                fr: "\(vote.voting) votants mais \(seance.present.count) présents à la séance \(seance.id) : corrigez le décompte",
                en: "\(vote.voting) voting but \(seance.present.count) present at séance \(seance.id): correct the count"))
        }
        try adopt(id, seance: seance.id, on: seance.date, at: seance.start, vote: vote, tally: tally)
        if let referral = try draft(id).referral, try Referrals(store: store).referral(referral) != nil {
            try Referrals(store: store).answer(referral, with: id)
        }
    }

    /// The day `id` was adopted; nil while a draft, or when the scope holds no avis `id`.
    public func adoptedOn(_ id: String) throws -> Day? {
        try RecordReader(database: store.database).fields(kind: Layout.avis, id: id, scope: scope)?.text("adopted_on").flatMap(Day.init(iso:))
    }

    /// Every draft of the scope, by identifier (malformed records skipped).
    public func drafts() throws -> [Draft] {
        try list().compactMap { try? draft($0) }
    }
}

extension AvisDrafts {
    /// The referral line a published text shows: for a referral recorded in the council scope,
    /// who referred it, when, and its subject; any other text as given.
    func referralLine(_ referral: String?) throws -> String? {
        guard let referral else { return nil }
        guard let found = try Referrals(store: store).list().first(where: { $0.id == referral }) else { return referral }
        let origin = found.origin == .departmentalPresident ? "Saisine du président du Département" : "Auto-saisine"
        return "\(origin) du \(found.received.french) : \(found.subject)"
    }
}
