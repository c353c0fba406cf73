import Foundation
import HuisClosCouncil
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import Testing

/// Issue 18, item 3 for a consultation's synthesis: it is adopted only at a séance (its day, and
/// its start time when it has one) at or after the consultation's end — its closing date, or the
/// instant the council closed it early.
@Suite struct SynthesisDatesTests {
    static let vote = try! PublishedText.Vote(seated: 3, voting: 3, inFavour: 3, against: 0, abstaining: 0)
    /// 30/06/2026 at 23 h 59 in Paris, the last second of that minute.
    static let june30 = Consultation.closingInstant(day("2026-06-30"), at: nil)

    /// A held séance with quorum (the three members of `ActivityRecordsTests.register` present).
    static func held(_ id: String, _ date: String, at start: TimeOfDay? = nil) throws -> Seance {
        var seance = Seance(id: id, date: day(date), place: "Bobigny", start: start)
        for member in ["a", "b", "c"] { try seance.markPresent(member) }
        seance.closeAttendance()
        return seance
    }

    /// Consultation c-1 closing `closesAt`, opened on 01/04/2026, and its synthesis syn-1 written.
    static func synthesis(closesAt: Int64) throws -> (AvisDrafts, Consultations) {
        let store = try Council.stores(1)[0]
        let drafts = AvisDrafts(store: store), consultations = Consultations(store: store)
        try consultations.open(id: "c-1", topic: "Charte", question: "Qu'ajouter ?", audience: .public, closesAt: closesAt,
                               now: Consultation.closingInstant(day("2026-04-01"), at: nil))
        try drafts.create(id: "syn-1", title: "Synthèse", kind: .synthese, consultation: "c-1")
        try drafts.write("Les contributions demandent l'inclusion.", paragraph: "p1", of: "syn-1")
        return (drafts, consultations)
    }

    /// The consultation closed on its date (30/06): counted after it, the synthesis cannot be
    /// adopted at a séance of 12/05, held while contributions still arrived.
    @Test func aSynthesisAdoptedAtASeanceBeforeItsConsultationClosedIsRefused() throws {
        let (drafts, consultations) = try Self.synthesis(closesAt: Self.june30)
        let tally = try consultations.tally("c-1", received: 0, at: Self.june30 + 1)
        let register = try ActivityRecordsTests.register()
        let error = #expect(throws: CouncilError.self) {
            try drafts.adopt("syn-1", at: try Self.held("s2", "2026-05-12"), register: register, vote: Self.vote, tally: tally)
        }
        #expect(error?.code == .invalidDate)
        #expect(error?.text.french.contains("la synthèse syn-1 est adoptée le 12/05/2026, avant la clôture de la consultation c-1 le 30/06/2026 à 23 h 59") == true,
                "\(error?.text.french ?? "")")
        #expect(error?.text.french.contains("Adoptez-la à une séance tenue après la clôture") == true)
        #expect(error?.text.english.contains("synthesis syn-1 is adopted on 2026-05-12, before consultation c-1 closed on 2026-06-30 23:59") == true,
                "\(error?.text.english ?? "")")
        #expect(try drafts.draft("syn-1").status == .draft, "nothing recorded")
        try drafts.adopt("syn-1", at: try Self.held("s3", "2026-07-07"), register: register, vote: Self.vote, tally: tally)
        #expect(try drafts.adoptedOn("syn-1") == day("2026-07-07"))
    }

    /// Without a start time, a séance on the closing day is judged by its day.
    @Test func aSeanceWithoutStartTimeOnTheClosingDayIsInOrder() throws {
        let (drafts, consultations) = try Self.synthesis(closesAt: Self.june30)
        let tally = try consultations.tally("c-1", received: 0, at: Self.june30 + 1)
        try drafts.adopt("syn-1", at: try Self.held("s2", "2026-06-30"), register: try ActivityRecordsTests.register(), vote: Self.vote, tally: tally)
        #expect(try drafts.draft("syn-1").status == .adopted)
    }
}
