import Foundation
import HuisClosCouncil
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import Testing

/// A consultation closed early (`huisclos consultations clore`) records when, by the injected
/// clock: its end for the synthesis' date rule (`SynthesisDatesTests`).
@Suite struct ConsultationClosingTests {
    /// Closed early at 15/06/2026 10 h 00 (Paris): the record and the announcement keep that
    /// instant, the consultation ends then, and the séance's start time decides on that day.
    @Test func aConsultationClosedEarlyEndsAtTheInstantItClosed() throws {
        let (drafts, consultations) = try SynthesisDatesTests.synthesis(closesAt: Consultation.closingInstant(day("2026-12-31"), at: nil))
        let closing = Consultation.closingInstant(day("2026-06-15"), at: TimeOfDay(hour: 10, minute: 0)) - 59
        try consultations.close("c-1", at: closing)
        try consultations.close("c-1", at: closing + 3_600)  // closing again keeps the first instant
        let record = try consultations.record("c-1").consultation
        #expect(record.closed && record.closedAt == closing && record.end == closing && record.closedEarly)
        #expect(try consultations.announced("c-1").closedAt == closing, "the announcement says when it closed")

        let tally = try consultations.tally("c-1", received: 0, at: closing)
        let register = try ActivityRecordsTests.register()
        let morning = try SynthesisDatesTests.held("s-matin", "2026-06-15", at: TimeOfDay(hour: 9, minute: 30))
        let error = #expect(throws: CouncilError.self) { try drafts.adopt("syn-1", at: morning, register: register, vote: SynthesisDatesTests.vote, tally: tally) }
        #expect(error?.text.french.contains("le 15/06/2026 à 9 h 30, avant la clôture de la consultation c-1 le 15/06/2026 à 10 h") == true,
                "\(error?.text.french ?? "")")
        #expect(try drafts.draft("syn-1").status == .draft, "nothing recorded")
        try drafts.adopt("syn-1", at: try SynthesisDatesTests.held("s-midi", "2026-06-15", at: TimeOfDay(hour: 10, minute: 0)), register: register,
                         vote: SynthesisDatesTests.vote, tally: tally)
        #expect(try drafts.adoptedOn("syn-1") == day("2026-06-15"), "a séance starting the minute it closed is at its end")
    }

    /// An announcement written before the closing instant was recorded still decodes; it ends on its date.
    @Test func anAnnouncementWithoutTheClosingInstantStillDecodes() throws {
        let json = #"{"id":"c-1","topic":"Charte","question":"Qu'ajouter ?","audience":"public","closesAt":1798757999,"#
            + #""publicKey":"\#(String(repeating: "ab", count: 32))","closed":true}"#
        let consultation = try JSONDecoder().decode(Consultation.self, from: Data(json.utf8))
        #expect(consultation.closed && consultation.closedAt == nil && consultation.end == 1_798_757_999 && !consultation.closedEarly)
        let again = try JSONDecoder().decode(Consultation.self, from: try JSONEncoder().encode(consultation.closing(at: 1_790_000_000)))
        #expect(again.closedAt == 1_790_000_000 && again.end == 1_790_000_000)
    }
}
