import Foundation
import HuisClosCouncil

/// The activity report as Markdown and HTML (French: it is addressed to the departmental president).
///
/// Both formats render the same sections (`sections`), so the figures cannot differ between them;
/// only the attendance section adds the chart and the table.
extension ActivityReport {
    /// A section: a heading, a one-line summary with the figures, then one line per item (plain text).
    struct Section {
        let title: String
        let summary: String
        let items: [String]
    }

    /// The sections after the attendance one, in order.
    var sections: [Section] {
        [
            Section(title: "Avis et textes adoptés",
                    summary: "\(avisAdopted) avis adopté(s) ; \(adopted.count) texte(s) adopté(s) au total"
                        + (published.isEmpty ? "." : ", dont \(published.count) publié(s)."),
                    items: adopted.map {
                        "\($0.adoptedOn.french) — \(PublicSite.kindName($0.kind)) « \($0.title) » "
                            + "(\($0.vote.inFavour) pour, \($0.vote.against) contre, \($0.vote.abstaining) abstention(s))"
                            + (published.contains($0.id) ? " — publié" : "")
                    }),
            Section(title: "Saisines", summary: "\(referrals.count) saisine(s) reçue(s), \(referralsAnswered) ayant reçu un avis.",
                    items: referrals.map {
                        "\($0.received.french) — \(Self.originName($0.origin)) : \($0.subject) — " + ($0.answeredBy.map { "avis \($0)" } ?? "en cours")
                    }),
            Section(title: "Groupes de travail", summary: "\(groups.count) groupe(s) de travail.",
                    items: groups.map {
                        "\($0.name) : \($0.members) membre(s), \($0.supplementaryMembers) membre(s) supplémentaire(s), "
                            + ($0.dossiers.map { "\($0) dossier(s)" } ?? "dossiers non comptés (groupe non lisible sur l'appareil qui établit ce rapport : établissez-le depuis celui de la présidence)")
                    }),
            Section(title: "Auditions", summary: "\(hearings.count) audition(s).",
                    items: hearings.map { "\($0.day.french) — \($0.guest) (dossier : \($0.dossier))" }),
        ]
    }

    /// The séances section (first).
    var seanceSection: Section {
        Section(title: "Séances", summary: "\(seances.count) séance(s) tenue(s) en \(year).",
                items: seances.map { "\($0.day.french) : \($0.present.count) présent(s) sur \($0.expected.count)" })
    }

    /// The attendance table's header and rows (plain text cells).
    var attendanceTable: (header: [String], rows: [[String]]) {
        (["Membre", "Présences", "Séances", "Absences excusées", "Taux"],
         attendance.map { [$0.member, "\($0.present)", "\($0.expected)", "\($0.excused)", "\($0.percent) %"] })
    }

    /// The report in Markdown (the chart is referenced as `chartFile`, written next to it).
    public func markdown(councilName: String, chartFile: String = "assiduite.svg") -> String {
        let inline = { (text: String) in Escaping.markdown(text, inline: true) }
        func render(_ section: Section) -> String {
            "## \(inline(section.title))\n\n\(inline(section.summary))\n\n" + section.items.map { "- \(inline($0))\n" }.joined()
        }
        let table = attendanceTable
        let row = { (cells: [String]) in "| " + cells.map(inline).joined(separator: " | ") + " |\n" }
        return "# \(inline(councilName)) — rapport d'activité \(year)\n\n" + render(seanceSection)
            + "\n## Assiduité\n\n![Assiduité aux séances \(year)](\(chartFile))\n\n"
            + row(table.header) + "|" + String(repeating: "---|", count: table.header.count) + "\n"
            + table.rows.map(row).joined()
            + sections.map { "\n" + render($0) }.joined()
    }

    /// The report as one HTML page with the attendance chart inline.
    public func html(councilName: String) -> String {
        func render(_ section: Section) -> String {
            "<h2>\(Escaping.html(section.title))</h2>\n<p>\(Escaping.html(section.summary))</p>\n<ul>\n"
                + section.items.map { "<li>\(Escaping.html($0))</li>\n" }.joined() + "</ul>\n"
        }
        let table = attendanceTable
        let header = { (cells: [String]) in
            "<tr>" + cells.map { "<th scope=\"col\">\(Escaping.html($0))</th>" }.joined() + "</tr>\n"
        }
        let row = { (cells: [String]) in
            "<tr><th scope=\"row\">\(Escaping.html(cells[0]))</th>"
                + cells.dropFirst().map { "<td>\(Escaping.html($0))</td>" }.joined() + "</tr>\n"
        }
        // The chart's long description is the table of the same figures, linked from its caption.
        let body = "<h1>\(Escaping.html(councilName)) — rapport d'activité \(year)</h1>\n" + render(seanceSection)
            + "<h2>Assiduité</h2>\n<figure role=\"group\" aria-labelledby=\"assiduite-legende\">\n"
            + AttendanceChart.svg(attendance, year: year, inline: true)
            + "<figcaption id=\"assiduite-legende\">\(AttendanceChart.title(year)) : "
            + "<a href=\"#assiduite-donnees\">les données du graphique dans le tableau qui suit</a></figcaption>\n</figure>\n"
            + "<div class=\"tableau\"><table id=\"assiduite-donnees\"><caption>\(AttendanceChart.title(year)), par membre</caption>\n"
            + "<thead>" + header(table.header) + "</thead><tbody>\n"
            + table.rows.map(row).joined() + "</tbody></table></div>\n"
            + sections.map(render).joined()
        return PublicPage.document(title: "\(councilName) — rapport d'activité \(year)", body: body, publisher: councilName,
                                   conformance: .none, placement: .standalone)
    }

    static func originName(_ origin: Referral.Origin) -> String {
        switch origin {
        case .departmentalPresident: "Saisine du président du Département"
        case .selfReferral: "Auto-saisine"
        }
    }
}
