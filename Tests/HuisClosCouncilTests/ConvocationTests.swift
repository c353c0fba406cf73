import Foundation
@testable import HuisClosCouncil
import HuisClosL10n
import Testing

/// The convocation's time, minimum delay and iCalendar invitation, as pure values.
@Suite struct ConvocationTests {
    @Test func timesParseAsConvocationsWriteThem() {
        #expect(TimeOfDay(text: "14:30") == TimeOfDay(hour: 14, minute: 30))
        #expect(TimeOfDay(text: "9h") == TimeOfDay(hour: 9, minute: 0))
        #expect(TimeOfDay(text: "14h30")?.french == "14 h 30")
        #expect(TimeOfDay(text: "14H05")?.iso == "14:05")
        for wrong in ["24:00", "14:60", "14", "14:3", "h30", "1430", "-1:00", "14:30:00", "٣:30", ""] {
            #expect(TimeOfDay(text: wrong) == nil, "\(wrong) accepted")
        }
    }

    @Test func clearDaysCountNeitherTheSendingDayNorTheSeancesDay() {
        // Sent on the 1st for the 7th: the 2nd to the 6th, five clear days.
        #expect(ConvocationDelay.clearDays(from: day("2026-03-01"), to: day("2026-03-07")) == 5)
        #expect(ConvocationDelay.clearDays(from: day("2026-02-27"), to: day("2026-03-02")) == 2)
        #expect(ConvocationDelay.clearDays(from: day("2026-03-01"), to: day("2026-03-01")) == -1)
    }

    @Test func aConvocationWithinTheDelayIsRefusedUnlessUrgent() throws {
        let delay = ConvocationDelay()
        #expect(try delay.check(seanceOn: day("2026-03-07"), today: day("2026-03-01"), urgent: false) == .inTime)
        let error = #expect(throws: CouncilError.self) {
            try delay.check(seanceOn: day("2026-03-06"), today: day("2026-03-01"), urgent: false)
        }
        #expect(error?.code == .convocationTooLate)
        #expect(error?.text.french.contains("4 jours francs") == true)
        #expect(error?.text.french.contains("--urgence") == true)
        #expect(try delay.check(seanceOn: day("2026-03-01"), today: day("2026-03-01"), urgent: true) == .urgent(clearDays: 0))
        #expect(try delay.check(seanceOn: day("2026-02-10"), today: day("2026-03-01"), urgent: false) == .pastSeance)
        #expect(try ConvocationDelay(clearDays: 0).check(seanceOn: day("2026-03-01"), today: day("2026-03-01"), urgent: false) == .inTime)
    }

    @Test func aCancelledSeanceRecordsNothingMore() throws {
        var seance = Seance(id: "s1", date: day("2026-03-12"), place: "Bobigny")
        seance.cancelled = true
        #expect(throws: CouncilError.self) { try seance.respond("m1", .willAttend) }
        #expect(throws: CouncilError.self) { try seance.markPresent("m1") }
        let error = #expect(throws: CouncilError.self) { try seance.requireHeld(by: day("2026-03-12")) }
        #expect(error?.code == .seanceCancelled)
    }

    @Test func theInvitationStatesDateTimePlaceInParisTimeAndNothingConfidential() {
        var seance = Seance(id: "s1", date: day("2026-03-12"), place: "Bobigny, salle du conseil; 2e étage",
                            start: TimeOfDay(hour: 14, minute: 0), end: TimeOfDay(hour: 17, minute: 0),
                            agenda: [AgendaItem(id: "budget", title: "Budget confidentiel 2027", dossierIDs: ["budget-2027"])])
        seance.revision = 2
        let ics = calendar.ics(for: seance, stampUnixSeconds: 1_772_000_000, language: .french)
        let lines = ics.components(separatedBy: "\r\n")
        #expect(lines.last == "")
        #expect(lines.contains("DTSTART;TZID=Europe/Paris:20260312T140000"))
        #expect(lines.contains("DTEND;TZID=Europe/Paris:20260312T170000"))
        #expect(lines.contains("SEQUENCE:2"))
        #expect(lines.contains("STATUS:CONFIRMED"))
        #expect(lines.contains("UID:seance-s1-0123456789abcdef@huisclos"))
        #expect(lines.contains("DTSTAMP:20260225T061320Z"))
        #expect(lines.contains("LOCATION:Bobigny\\, salle du conseil\\; 2e étage"))
        #expect(lines.contains("BEGIN:VTIMEZONE"))
        #expect(!ics.contains("Budget") && !ics.contains("budget"), "the agenda leaves the replica")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
    }

    @Test func aSeanceWithoutTimeIsAWholeDayAndACancellationSaysSo() {
        var seance = Seance(id: "s2", date: day("2026-12-31"), place: "Pantin")
        seance.cancelled = true
        seance.revision = 1
        let lines = calendar.ics(for: seance, stampUnixSeconds: 0, language: .english).components(separatedBy: "\r\n")
        #expect(lines.contains("DTSTART;VALUE=DATE:20261231"))
        #expect(lines.contains("DTEND;VALUE=DATE:20270101"))
        #expect(lines.contains("STATUS:CANCELLED"))
        #expect(lines.contains("SEQUENCE:1"))
        #expect(!lines.contains("BEGIN:VTIMEZONE"))
    }

    @Test func longLinesFoldWithoutSplittingACharacter() {
        let line = "LOCATION:" + String(repeating: "é", count: 100)
        let folded = SeanceCalendar.fold(line)
        let pieces = folded.components(separatedBy: "\r\n").dropLast()
        #expect(pieces.count == 3)
        #expect(pieces.allSatisfy { $0.utf8.count <= 75 })
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(pieces.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst()) }.joined() == line)
        #expect(SeanceCalendar.escapeText("a\\b\nc\u{7}") == "a\\\\b\\nc")
    }

    /// The acceptance run: « 15/12/2026 », as French documents write it, was refused.
    @Test func aDayIsTypedTheISOOrTheFrenchWay() {
        for text in ["2026-12-15", "15/12/2026"] { #expect(Day(typed: text) == Day(year: 2026, month: 12, day: 15), "\(text)") }
        #expect(Day(typed: "5/3/2027") == Day(year: 2027, month: 3, day: 5))
        for text in ["31/02/2026", "12/2026", "15-12-2026", "2026/12/15", "15/12/26", "", "1/1/0001"] { #expect(Day(typed: text) == nil, "\(text)") }
    }

    /// The attacker's review: a place with C1 controls (CSI, OSC) and a right-to-left override
    /// reached the calendar file and, through `seances calendrier`, the terminal.
    @Test func aPlacesControlsAndBidirectionalOverridesAreDroppedFromTheCalendar() {
        #expect(SeanceCalendar.escapeText("Salle \u{9b}2J\u{9d}0;x\u{7} \u{202e}A\u{2066}B\u{2069}\u{7f}") == "Salle 2J0\\;x AB")
    }

    @Test func theTimeAsItIsPrintedIsAcceptedAndTheDayWrittenInFull() {
        #expect(TimeOfDay(text: "14 h 30") == TimeOfDay(hour: 14, minute: 30))
        #expect(TimeOfDay(text: " 9 h ") == TimeOfDay(hour: 9, minute: 0))
        #expect(TimeOfDay(text: "14 30") == nil)
        #expect(Day(iso: "2026-12-17")?.frenchInFull == "jeudi 17 décembre 2026")
        #expect(Day(iso: "2027-03-01")?.frenchInFull == "lundi 1er mars 2027")
        #expect(Day(iso: "1969-12-31")?.englishInFull == "Wednesday 31 December 1969")
        let seance = Seance(id: "s1", date: Day(iso: "2026-12-17")!, place: "Bobigny", start: TimeOfDay(hour: 14, minute: 30), end: TimeOfDay(hour: 17, minute: 0))
        #expect(seance.whenInFull.french == "le jeudi 17 décembre 2026, de 14 h 30 à 17 h")
    }

    /// Issue 17 review A4: a member's first notice is the convocation, whatever changed before;
    /// a cancellation goes only to a member who was told of the séance.
    @Test func theNoticeSaysWhatTheMemberWasAlreadyTold() {
        var seance = Seance(id: "s1", date: Day(iso: "2026-12-17")!, place: "Bobigny")
        seance.revision = 2
        #expect(seance.noticeKind(earlierNoticeSent: false) == .convocation)
        #expect(seance.noticeKind(earlierNoticeSent: true) == .changed)
        seance.cancelled = true
        #expect(seance.noticeKind(earlierNoticeSent: false) == nil)
        #expect(seance.noticeKind(earlierNoticeSent: true) == .cancellation)
    }

    let calendar = SeanceCalendar(councilName: "Conseil numérique", councilTag: "0123456789abcdef")
}
