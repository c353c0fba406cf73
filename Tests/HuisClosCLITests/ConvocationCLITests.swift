import Foundation
import HuisClosTestSupport
import Testing

/// Issue 17, item 1: a convocation with its time, the council's minimum delay, and an iCalendar
/// invitation read back by a real parser (Python's `icalendar`, `scripts/check-calendar.py`),
/// through the real `huisclos` and `huisclos-server`.
@Suite struct ConvocationCLITests {
    @Test func aConvocationCarriesItsTimeMeetsTheDelayAndGivesAnInvitationCalendarsRead() async throws {
        try await CouncilCLI.with("cli-convocation") { council in
            try await council.setUp()
            // Within the default 5 clear days: refused, the rule quoted; with --urgence: recorded as urgent.
            let late = try await council.run("secretariat", ["seances", "convoquer", "s0", "--date", Days.iso(3), "--heure", "18:00", "--lieu", "Bobigny"])
            #expect(late.status == 65 && late.errors.contains("jours francs avant la séance, sauf urgence") && late.errors.contains("--urgence"),
                    "\(late.output) \(late.errors)")
            let urgent = try await council.ok("secretariat", ["seances", "convoquer", "s0", "--date", Days.iso(3), "--heure", "18:00", "--lieu", "Bobigny", "--urgence"])
            #expect(urgent.contains("Convocation en urgence (2 jour(s) franc(s)"), "\(urgent)")
            let badTime = try await council.run("secretariat", ["seances", "convoquer", "s9", "--date", "2027-04-01", "--heure", "25:00", "--lieu", "Bobigny"])
            #expect(badTime.status == 64 && badTime.errors.contains("--heure"), "\(badTime.errors)")

            // Either side of the daylight-saving changes of 2027 (28 March, 31 October): 14:00 in Paris.
            try await council.ok("secretariat", ["seances", "convoquer", "printemps", "--date", "2027-03-28", "--heure", "14h", "--fin", "17h30",
                                                 "--lieu", "Bobigny, salle du conseil"])
            try await council.ok("secretariat", ["seances", "convoquer", "veille", "--date", "2027-03-27", "--heure", "14:00", "--lieu", "Bobigny"])
            try await council.ok("secretariat", ["seances", "convoquer", "automne", "--date", "2027-10-31", "--heure", "14:00", "--lieu", "Pantin"])
            let spring = try await calendar(council, "printemps")
            #expect(spring.start == "2027-03-28T12:00:00Z" && spring.end == "2027-03-28T15:30:00Z", "\(spring)")
            #expect(spring.sequence == 0 && spring.status == "CONFIRMED" && spring.location == "Bobigny, salle du conseil", "\(spring)")
            #expect(try await calendar(council, "veille").start == "2027-03-27T13:00:00Z")
            #expect(try await calendar(council, "automne").start == "2027-10-31T13:00:00Z")

            // The place changes: same UID, SEQUENCE 1; the séance is cancelled: SEQUENCE 2, CANCELLED.
            try await council.ok("secretariat", ["seances", "convoquer", "printemps", "--date", "2027-03-28", "--heure", "14h", "--fin", "17h30", "--lieu", "Pantin"])
            let moved = try await calendar(council, "printemps")
            #expect(moved.uid == spring.uid && moved.sequence == 1 && moved.location == "Pantin", "\(moved)")
            try await council.ok("secretariat", ["seances", "annuler", "printemps"])
            let cancelled = try await calendar(council, "printemps")
            #expect(cancelled.uid == spring.uid && cancelled.sequence == 2 && cancelled.status == "CANCELLED", "\(cancelled)")
            let again = try await council.run("secretariat", ["seances", "annuler", "printemps"])
            #expect(again.status == 65 && again.errors.contains("est annulée"), "\(again.errors)")
            let listing = try await council.rows("secretariat", ["seances", "liste"])
            #expect(listing.first { $0["id"] as? String == "printemps" }?["attendance"] as? String == "cancelled", "\(listing)")
            #expect(listing.first { $0["id"] as? String == "s0" }?["urgent"] as? Bool == true, "\(listing)")
            #expect(listing.first { $0["id"] as? String == "automne" }?["start"] as? String == "14:00", "\(listing)")

            // The council records a shorter delay: a convocation 3 clear days ahead is then in time.
            try await council.ok("secretariat", ["seances", "delai", "3"])
            try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(4), "--lieu", "Bobigny"])
            let wholeDay = try await calendar(council, "s1")
            #expect(wholeDay.start == Days.iso(4) && wholeDay.status == "CONFIRMED", "\(wholeDay)")
            let refused = try await council.run("secretariat", ["seances", "delai", "99"])
            #expect(refused.status == 65, "\(refused.errors)")
        }
    }

    /// One event as the parser read it.
    struct Event: Decodable, CustomStringConvertible {
        let uid: String
        let sequence: Int
        let status: String
        let start: String?
        let end: String?
        let location: String
        let summary: String
        var description: String { "\(uid) #\(sequence) \(status) \(start ?? "-")–\(end ?? "-") @\(location) «\(summary)»" }
    }

    struct Checked: Decodable {
        let defects: [String]
        let events: [Event]
    }

    /// Writes séance `id`'s invitation with `huisclos seances calendrier --sortie` and reads it with the real parser.
    func calendar(_ council: CouncilCLI, _ id: String) async throws -> Event {
        let file = council.folder.url.appendingPathComponent("\(id)-\(UUID().uuidString).ics")
        try await council.ok("secretariat", ["seances", "calendrier", id, "--sortie", file.path])
        let run = try await ProjectTools.run("python", [ProjectTools.repository.appendingPathComponent("scripts/check-calendar.py").path, file.path])
        let checked = try JSONDecoder().decode([Checked].self, from: Data(run.output.utf8))
        #expect(run.status == 0 && checked.first?.defects == [], "\(run.output) \(run.errors)")
        return try #require(checked.first?.events.first)
    }
}
