@testable import HuisClosCouncil
import HuisClosL10n
import Testing

@Suite struct SeanceRulesTests {
    @Test func proxyIsRefusedQuotingTheRule() throws {
        var seance = Seance(id: "s1", date: day("2026-03-12"), place: "Bobigny")
        let error = #expect(throws: CouncilError.self) { try seance.respond("m1", .excused, proxy: "m2") }
        #expect(error?.code == .proxyRefused)
        #expect(error?.text.french.contains("procurations ne sont pas admises") == true)
        #expect(seance.responses.isEmpty)
    }

    @Test func quorumIsHalfOfMembersInOffice() throws {
        var register = Register()
        try register.appointMany(5, on: "2026-01-10")
        let two = try closedSeance("s1", "2026-03-12", present: ["m1", "m2"])
        let three = try closedSeance("s2", "2026-04-12", present: ["m1", "m2", "m3"])
        #expect(Quorum(seance: two, register: register).isReached == false)
        #expect(Quorum(seance: three, register: register).isReached)
        #expect(Quorum(seance: three, register: register).required == 3)
    }

    @Test func closedAttendanceCannotChange() throws {
        var seance = try closedSeance("s1", "2026-03-12", present: ["m1"])
        #expect(throws: CouncilError(.attendanceClosed, .init(fr: "", en: ""))) { try seance.markPresent("m2") }
    }

    @Test func threeConsecutiveAbsencesPutAMemberInTheReport() throws {
        var register = Register()
        try register.appointMany(3, on: "2026-01-10")
        let seances = [
            try closedSeance("s1", "2026-02-01", present: ["m1", "m2"]),
            try closedSeance("s2", "2026-03-01", present: ["m1", "m2"], excused: ["m3"]),
            try closedSeance("s3", "2026-04-01", present: ["m1"]),
            try closedSeance("s4", "2026-05-01", present: ["m1"]),
        ]
        let report = AbsenceReport(register: register, seances: seances, on: day("2026-05-02"))
        #expect(report.findings.map(\.memberID) == ["m3"])
        #expect(report.findings[0].seanceIDs == ["s1", "s2", "s3", "s4"])
        #expect(report.findings[0].excused == 1)
        #expect(!report.names("m2"))  // two in a row only
    }

    @Test func excusedAbsencesCountAsAbsences() throws {
        var register = Register()
        try register.appointMany(2, on: "2026-01-10")
        let seances = try (1...3).map { try closedSeance("s\($0)", "2026-0\($0 + 1)-01", present: ["m1"], excused: ["m2"]) }
        let report = AbsenceReport(register: register, seances: seances, on: day("2026-05-01"))
        #expect(report.findings.map(\.memberID) == ["m2"])
        #expect(report.findings[0].excused == 3)
    }

    @Test func seancesBeforeTheMandateBeganDoNotCount() throws {
        var register = Register()
        try register.appointMany(1, on: "2026-01-10")
        try register.appoint(id: "late", name: "Arrivée tardive", circle: .first, category: .research, gender: .female,
                             orderNumber: "A-late", on: day("2026-03-15"))
        let seances = [
            try closedSeance("s1", "2026-02-01", present: ["m1"]),
            try closedSeance("s2", "2026-03-01", present: ["m1"]),
            try closedSeance("s3", "2026-04-01", present: ["m1"]),
            try closedSeance("s4", "2026-05-01", present: ["m1"]),
        ]
        #expect(!AbsenceReport(register: register, seances: seances, on: day("2026-05-02")).names("late"))
        let fifth = try closedSeance("s5", "2026-06-01", present: ["m1"])
        #expect(AbsenceReport(register: register, seances: seances + [fifth], on: day("2026-06-02")).names("late"))
    }

    @Test func aPresenceResetsTheRun() throws {
        var register = Register()
        try register.appointMany(2, on: "2026-01-10")
        let seances = [
            try closedSeance("s1", "2026-02-01", present: ["m1"]),
            try closedSeance("s2", "2026-03-01", present: ["m1"]),
            try closedSeance("s3", "2026-04-01", present: ["m1", "m2"]),
            try closedSeance("s4", "2026-05-01", present: ["m1"]),
        ]
        #expect(AbsenceReport(register: register, seances: seances, on: day("2026-05-02")).findings.isEmpty)
    }

    @Test func openAttendanceDoesNotCount() throws {
        var register = Register()
        try register.appointMany(2, on: "2026-01-10")
        var seances = try (1...2).map { try closedSeance("s\($0)", "2026-0\($0 + 1)-01", present: ["m1"]) }
        seances.append(Seance(id: "s3", date: day("2026-04-01"), place: "Bobigny"))
        #expect(AbsenceReport(register: register, seances: seances, on: day("2026-05-01")).findings.isEmpty)
    }

    @Test func declarationOnlyForReportedMembersAndItEndsTheMandate() throws {
        var register = Register()
        try register.appointMany(2, on: "2026-01-10")
        let seances = try (1...3).map { try closedSeance("s\($0)", "2026-0\($0 + 1)-01", present: ["m1"]) }
        let report = AbsenceReport(register: register, seances: seances, on: day("2026-04-02"))
        #expect(throws: CouncilError(.notReportedForAbsences, .init(fr: "", en: ""))) {
            try register.declareResigned("m1", on: day("2026-04-03"), report: report)
        }
        try register.declareResigned("m2", on: day("2026-04-03"), report: report)
        #expect(!register.members["m2"]!.isInOffice(on: day("2026-04-03")))
        #expect(register.members["m2"]!.mandates.last?.earlyEnd?.reason == .declaredResigned)
    }

    @Test func warnsAfterTwelveMonthsWithoutSeance() throws {
        let seances = [try closedSeance("s1", "2025-03-01", present: [])]
        #expect(SeanceSchedule.warning(seances: seances, on: day("2026-02-28")) == nil)
        #expect(SeanceSchedule.warning(seances: seances, on: day("2026-03-02")) != nil)
        #expect(SeanceSchedule.warning(seances: [], on: day("2026-03-02")) != nil)
        // A council founded less than a year ago is not late yet (the second acceptance run: members
        // were told so on day one); a year on, it is.
        #expect(SeanceSchedule.warning(seances: [], on: day("2026-03-02"), founded: day("2026-03-01")) == nil)
        #expect(SeanceSchedule.warning(seances: [], on: day("2027-03-02"), founded: day("2026-03-01")) != nil)
    }

    @Test func attendanceIsPointedAndClosedOnlyFromTheSeancesDay() throws {
        let seance = Seance(id: "s1", date: day("2026-03-12"), place: "Bobigny")
        #expect(throws: CouncilError.self) { try seance.requireHeld(by: day("2026-03-11")) }
        try seance.requireHeld(by: day("2026-03-12"))
        try seance.requireHeld(by: day("2026-04-01"))
    }

    @Test func daysPastTheYearsADayHoldsStopAtItsBoundsInsteadOfCrashing() {
        #expect(day("9998-01-01").adding(years: 3) == Day.last)
        #expect(day("9999-11-15").adding(months: 3) == Day.last)
        #expect(day("1901-03-01").adding(years: -3) == Day.first)
        #expect(day("2024-02-29").adding(years: 1) == day("2025-02-28"))
    }
}
