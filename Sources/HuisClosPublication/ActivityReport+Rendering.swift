/// The activity report as Markdown and HTML (French: it is addressed to the departmental president).
extension ActivityReport {
    /// The report in Markdown (the chart is referenced as `chartFile`, written next to it).
    public func markdown(councilName: String, chartFile: String = "assiduite.svg") -> String {
        var out = "# \(councilName) — rapport d'activité \(year)\n\n"
        out += "## Séances\n\n\(seances.count) séance(s) tenue(s) en \(year).\n\n"
        for seance in seances {
            out += "- \(seance.day.french) : \(seance.present.count) présent(s) sur \(seance.expected.count)\n"
        }
        out += "\n## Assiduité\n\n![Assiduité aux séances \(year)](\(chartFile))\n\n"
        out += "| Membre | Présences | Séances | Absences excusées | Taux |\n|---|---|---|---|---|\n"
        for row in attendance {
            out += "| \(Self.cell(row.member)) | \(row.present) | \(row.expected) | \(row.excused) | \(row.percent) % |\n"
        }
        out += "\n## Avis et textes adoptés\n\n\(avisAdopted) avis adopté(s) ; \(adopted.count) texte(s) adopté(s) au total.\n\n"
        for text in adopted {
            out += "- \(text.adoptedOn.french) — \(PublicSite.kindName(text.kind)) « \(text.title) » "
                + "(\(text.vote.inFavour) pour, \(text.vote.against) contre, \(text.vote.abstaining) abstention(s))\n"
        }
        out += "\n## Saisines\n\n\(referrals.count) saisine(s) reçue(s), \(referralsAnswered) ayant reçu un avis.\n\n"
        for referral in referrals {
            out += "- \(referral.received.french) — \(Self.originName(referral.origin)) : \(referral.subject) — "
                + (referral.answeredBy.map { "avis \($0)" } ?? "en cours") + "\n"
        }
        out += "\n## Groupes de travail\n\n\(groups.count) groupe(s) de travail.\n\n"
        for group in groups {
            out += "- \(group.name) : \(group.members) membre(s), \(group.supplementaryMembers) membre(s) supplémentaire(s), \(group.dossiers) dossier(s)\n"
        }
        out += "\n## Auditions\n\n\(hearings.count) audition(s).\n\n"
        for hearing in hearings {
            out += "- \(hearing.day.french) — \(hearing.guest) (dossier : \(hearing.dossier))\n"
        }
        return out
    }

    /// The report as one HTML page with the attendance chart inline.
    public func html(councilName: String) -> String {
        var body = "<h1>\(Escaping.html(councilName)) — rapport d'activité \(year)</h1>\n"
        body += "<h2>Séances</h2>\n<p>\(seances.count) séance(s) tenue(s) en \(year).</p>\n<ul>\n"
        for seance in seances {
            body += "<li>\(seance.day.french) : \(seance.present.count) présent(s) sur \(seance.expected.count)</li>\n"
        }
        body += "</ul>\n<h2>Assiduité</h2>\n" + AttendanceChart.svg(attendance, year: year)
        body += "<table><thead><tr><th>Membre</th><th>Présences</th><th>Séances</th><th>Absences excusées</th><th>Taux</th></tr></thead><tbody>\n"
        for row in attendance {
            body += "<tr><td>\(Escaping.html(row.member))</td><td>\(row.present)</td><td>\(row.expected)</td><td>\(row.excused)</td><td>\(row.percent) %</td></tr>\n"
        }
        body += "</tbody></table>\n<h2>Avis et textes adoptés</h2>\n<p>\(avisAdopted) avis adopté(s) ; \(adopted.count) texte(s) adopté(s) au total.</p>\n<ul>\n"
        for text in adopted {
            body += "<li>\(text.adoptedOn.french) — \(PublicSite.kindName(text.kind)) « \(Escaping.html(text.title)) » (\(text.vote.inFavour) pour, \(text.vote.against) contre, \(text.vote.abstaining) abstention(s))</li>\n"
        }
        body += "</ul>\n<h2>Saisines</h2>\n<p>\(referrals.count) saisine(s) reçue(s), \(referralsAnswered) ayant reçu un avis.</p>\n<ul>\n"
        for referral in referrals {
            body += "<li>\(referral.received.french) — \(Self.originName(referral.origin)) : \(Escaping.html(referral.subject)) — "
                + (referral.answeredBy.map { "avis \(Escaping.html($0))" } ?? "en cours") + "</li>\n"
        }
        body += "</ul>\n<h2>Groupes de travail</h2>\n<p>\(groups.count) groupe(s) de travail.</p>\n<ul>\n"
        for group in groups {
            body += "<li>\(Escaping.html(group.name)) : \(group.members) membre(s), \(group.supplementaryMembers) membre(s) supplémentaire(s), \(group.dossiers) dossier(s)</li>\n"
        }
        body += "</ul>\n<h2>Auditions</h2>\n<p>\(hearings.count) audition(s).</p>\n<ul>\n"
        for hearing in hearings {
            body += "<li>\(hearing.day.french) — \(Escaping.html(hearing.guest)) (dossier : \(Escaping.html(hearing.dossier)))</li>\n"
        }
        body += "</ul>"
        return PublicSite.page(title: "\(councilName) — rapport d'activité \(year)", body: body)
    }

    static func originName(_ origin: Referral.Origin) -> String {
        switch origin {
        case .departmentalPresident: "Saisine du président du Département"
        case .selfReferral: "Auto-saisine"
        }
    }

    /// A Markdown table cell: pipes escaped.
    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
