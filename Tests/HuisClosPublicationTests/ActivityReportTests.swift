import Foundation
import HuisClosCouncil
@testable import HuisClosPublication
import Testing

@Suite struct ActivityReportTests {
    /// 2026: three séances (one in 2025 left out), four members, two avis and the programme,
    /// three referrals (one answered), two groups, two hearings (one in 2027 left out).
    static func scenario() throws -> ActivityReport {
        let all = ["Alice Martin", "Bruno Diallo", "Chloé Nguyen", "David Cohen"]
        return ActivityReport(
            year: 2026,
            seances: [
                .init(id: "s0", day: day("2025-12-10"), expected: all, present: all),
                .init(id: "s1", day: day("2026-01-20"), expected: all, present: ["Alice Martin", "Bruno Diallo", "Chloé Nguyen"], excused: ["David Cohen"]),
                .init(id: "s2", day: day("2026-04-14"), expected: all, present: ["Alice Martin", "Chloé Nguyen"]),
                .init(id: "s3", day: day("2026-09-22"), expected: Array(all.prefix(3)), present: ["Alice Martin", "Bruno Diallo", "Chloé Nguyen"]),
            ],
            adopted: [try avis("AVIS-2026-01", on: "2026-04-14"), try avis("AVIS-2026-02", on: "2026-09-22"),
                      try avis("PROG-2026", on: "2026-01-20", title: "Programme 2026", kind: .programme),
                      try avis("AVIS-2025-09", on: "2025-12-10")],
            referrals: [
                .init(id: "r1", subject: "Fracture numérique", origin: .departmentalPresident, received: day("2026-02-01"), answeredBy: "AVIS-2026-01"),
                .init(id: "r2", subject: "Données ouvertes", origin: .selfReferral, received: day("2026-05-01"), answeredBy: nil),
                .init(id: "r3", subject: "IA et services publics", origin: .departmentalPresident, received: day("2026-10-01"), answeredBy: nil),
            ],
            groups: [.init(name: "inclusion", members: 5, supplementaryMembers: 1, dossiers: 3),
                     .init(name: "budget", members: 4, supplementaryMembers: 0, dossiers: 1)],
            hearings: [.init(guest: "Mme Expert, chercheuse", day: day("2026-03-03"), dossier: "etude-fracture"),
                       .init(guest: "M. Futur", day: day("2027-01-05"), dossier: "x")])
    }

    @Test func figuresMatchTheKnownScenario() throws {
        let report = try Self.scenario()
        #expect(report.seances.map(\.id) == ["s1", "s2", "s3"])
        #expect(report.attendance == [
            .init(member: "Alice Martin", expected: 3, present: 3, excused: 0),
            .init(member: "Bruno Diallo", expected: 3, present: 2, excused: 0),
            .init(member: "Chloé Nguyen", expected: 3, present: 3, excused: 0),
            .init(member: "David Cohen", expected: 2, present: 0, excused: 1),
        ])
        #expect(report.attendance.map(\.percent) == [100, 67, 100, 0])
        #expect(report.avisAdopted == 2)
        #expect(report.adopted.count == 3)
        #expect(report.referrals.count == 3)
        #expect(report.referralsAnswered == 1)
        #expect(report.groups.map(\.name) == ["budget", "inclusion"])
        #expect(report.hearings.count == 1)
    }

    @Test func markdownAndHTMLStateTheFiguresAndTheChartHasOneBarPerMember() throws {
        let report = try Self.scenario()
        let markdown = report.markdown(councilName: "Conseil numérique")
        #expect(markdown.contains("3 séance(s) tenue(s) en 2026."))
        #expect(markdown.contains("| Bruno Diallo | 2 | 3 | 0 | 67 % |"))
        #expect(markdown.contains("2 avis adopté(s) ; 3 texte(s) adopté(s) au total."))
        #expect(markdown.contains("3 saisine(s) reçue(s), 1 ayant reçu un avis."))
        #expect(markdown.contains("1 audition(s)."))
        let html = report.html(councilName: "Conseil numérique")
        #expect(html.contains("<svg"))
        #expect(html.contains("<th scope=\"row\">David Cohen</th><td>0</td><td>2</td><td>1</td><td>0 %</td>"))
        let svg = AttendanceChart.svg(report.attendance, year: 2026)
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 4)
        #expect(svg.contains("width=\"340\" height=\"16\" fill=\"#2b6cb0\""))
        #expect(svg.contains("2/3 (67 %)"))
    }

    @Test func namesAreEscapedInHTMLAndSVG() {
        let row = ActivityReport.Attendance(member: "<script>x</script>", expected: 1, present: 1, excused: 0)
        #expect(!AttendanceChart.svg([row], year: 2026).contains("<script>"))
        // XML 1.0 forbids U+FFFF: one in a name made the whole chart refuse to parse.
        let forbidden = ActivityReport.Attendance(member: "Eve\u{FFFF}", expected: 1, present: 1, excused: 0)
        #expect(!AttendanceChart.svg([forbidden], year: 2026).unicodeScalars.contains { $0.value == 0xFFFF })
    }
}

/// Issue 19, item 13: a secretariat reads percentages rounded as a person rounds them and names
/// in the order of a French register.
@Suite struct ActivityReportPresentationTests {
    @Test func attendanceIsRoundedToTheNearestPercentAndNamesFollowFrenchOrder() throws {
        let all = ["Hortense Petit", "Héloïse Martin", "Zoé Blanc", "Édouard Roux", "Emma Noël"]
        let report = ActivityReport(
            year: 2026,
            seances: [
                .init(id: "s1", day: day("2026-01-20"), expected: all, present: all),
                .init(id: "s2", day: day("2026-04-14"), expected: all, present: all),
                .init(id: "s3", day: day("2026-09-22"), expected: all, present: ["Hortense Petit", "Héloïse Martin", "Zoé Blanc"]),
            ],
            adopted: [], referrals: [], groups: [], hearings: [])
        #expect(report.attendance.map(\.member) == ["Édouard Roux", "Emma Noël", "Héloïse Martin", "Hortense Petit", "Zoé Blanc"])
        // 2 of 3 is 66.67 %: 67 %, as a person rounds it, not 66 %.
        #expect(report.attendance.first { $0.member == "Emma Noël" }?.percent == 67)
        #expect(report.attendance.first { $0.member == "Zoé Blanc" }?.percent == 100)
        #expect(ActivityReport.Attendance(member: "x", expected: 8, present: 1, excused: 0).percent == 13)  // 12.5 → 13
        #expect(ActivityReport.Attendance(member: "x", expected: 0, present: 0, excused: 0).percent == 0)
    }
}
