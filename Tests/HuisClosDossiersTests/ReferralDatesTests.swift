import HuisClosCouncil
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import Testing

/// Issue 18, item 3: an avis and the referral it answers cannot contradict each other, whichever
/// record is written last — the adoption, the referral's receipt, or the link made by hand.
@Suite struct ReferralDatesTests {
    static func vote() throws -> PublishedText.Vote {
        try PublishedText.Vote(seated: 3, voting: 3, inFavour: 3, against: 0, abstaining: 0)
    }

    /// A referral received on `received` and an avis answering it, ready for adoption.
    static func avisAnswering(received: String, in drafts: AvisDrafts) throws {
        try Referrals(store: drafts.store).receive("sa-1", subject: "Inclusion", origin: .departmentalPresident, on: day(received))
        try drafts.create(id: "avis-1", title: "Inclusion des seniors", kind: .avis, referral: "sa-1")
        try drafts.write("Le conseil recommande.", paragraph: "p1", of: "avis-1")
    }

    /// Expects `error` to be the adoption-before-receipt rule naming both days in both languages.
    static func expectDatesRefusal(_ error: CouncilError?, adopted: String, received: String) {
        guard let error else { return }
        #expect(error.code == .invalidDate)
        #expect(error.text.french.contains(day(adopted).french) && error.text.french.contains(day(received).french), "\(error.text.french)")
        #expect(error.text.english.contains(adopted) && error.text.english.contains(received), "\(error.text.english)")
    }

    /// Every path that records an adoption goes through the rule, not only the séance-level one.
    @Test func adoptionDatedBeforeTheReferralIsRefusedAtTheRecordLevel() throws {
        let drafts = AvisDrafts(store: try Council.stores(1)[0])
        try Self.avisAnswering(received: "2026-09-01", in: drafts)
        let error = #expect(throws: CouncilError.self) { try drafts.adopt("avis-1", seance: "s2", on: day("2026-05-12"), vote: try Self.vote()) }
        Self.expectDatesRefusal(error, adopted: "2026-05-12", received: "2026-09-01")
        #expect(try drafts.draft("avis-1").status == .draft, "nothing recorded")
    }

    /// The published contradiction: the referral re-recorded after its avis was adopted,
    /// with a receipt day later than the adoption.
    @Test func referralReceiptMovedAfterItsAvisAdoptionIsRefused() throws {
        let drafts = AvisDrafts(store: try Council.stores(1)[0])
        try Self.avisAnswering(received: "2026-03-02", in: drafts)
        let april = try ActivityRecordsTests.seance("s2", "2026-04-14", present: ["a", "b", "c"])
        try drafts.adopt("avis-1", at: april, register: try ActivityRecordsTests.register(), vote: try Self.vote())
        let referrals = Referrals(store: drafts.store)
        let error = #expect(throws: CouncilError.self) { try referrals.receive("sa-1", subject: "Inclusion", origin: .departmentalPresident, on: day("2026-09-01")) }
        Self.expectDatesRefusal(error, adopted: "2026-04-14", received: "2026-09-01")
        #expect(try referrals.list().map(\.received) == [day("2026-03-02")], "the receipt day is unchanged")
        try referrals.receive("sa-1", subject: "Inclusion des seniors", origin: .departmentalPresident, on: day("2026-04-14"))
        #expect(try referrals.list().map(\.subject) == ["Inclusion des seniors"], "a receipt on the adoption day or before is still corrected")
    }

    /// Linking by hand an avis adopted before the referral was received.
    @Test func answeringWithAnAvisAdoptedBeforeTheReferralIsRefused() throws {
        let drafts = AvisDrafts(store: try Council.stores(1)[0])
        try drafts.create(id: "avis-2", title: "Données ouvertes", kind: .avis)
        try drafts.write("Le conseil recommande.", paragraph: "p1", of: "avis-2")
        let april = try ActivityRecordsTests.seance("s2", "2026-04-14", present: ["a", "b", "c"])
        try drafts.adopt("avis-2", at: april, register: try ActivityRecordsTests.register(), vote: try Self.vote())
        let referrals = Referrals(store: drafts.store)
        try referrals.receive("sa-2", subject: "Données ouvertes", origin: .selfReferral, on: day("2026-09-01"))
        let error = #expect(throws: CouncilError.self) { try referrals.answer("sa-2", with: "avis-2") }
        Self.expectDatesRefusal(error, adopted: "2026-04-14", received: "2026-09-01")
        #expect(try referrals.list().map(\.answeredBy) == [nil], "nothing linked")
    }
}
