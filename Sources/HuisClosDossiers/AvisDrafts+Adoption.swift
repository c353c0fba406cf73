import HuisClosCouncil
import HuisClosPublication

extension AvisDrafts {
    /// Records the adoption of `id` at `seance` with `vote`, after checking the séance was held
    /// (its attendance closed: the council adopts texts in a séance it actually held), then, if
    /// the draft answers a referral, records the referral answered by this avis.
    ///
    /// Refused while a paragraph shows a conflict (`adopt(_:seance:on:vote:)`), or when the vote
    /// counts more members voting than were present at the séance.
    public func adopt(_ id: String, at seance: Seance, vote: PublishedText.Vote) throws {
        guard seance.attendanceClosed else {
            throw DossierError(.wrongState,
                "séance \(seance.id) of \(seance.date.iso) has not been held (its attendance is not closed): close it first (huisclos presence clore \(seance.id))")
        }
        guard vote.voting <= seance.present.count else {
            throw DossierError(.invalidArgument,
                "\(vote.voting) voting but \(seance.present.count) present at séance \(seance.id): correct the count")
        }
        try adopt(id, seance: seance.id, on: seance.date, vote: vote)
        if let referral = try draft(id).referral, try Referrals(store: store).list().contains(where: { $0.id == referral }) {
            try Referrals(store: store).answer(referral, with: id)
        }
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
