import Foundation
import HuisClosCouncil
@testable import HuisClosPublication
import Testing

/// What the RGAA and the law (décret 2019-768, loi 2004-575) ask of every public page, checked on
/// the rendered HTML; the official validators run over the served site in PublicSiteValidatorTests.
@Suite struct PublicPagesTests {
    static func site(legal: LegalInformation = LegalInformation()) throws -> PublicSite {
        let publisher = try Publisher(name: "Conseil numérique de la Seine-Saint-Denis", siret: "22930008201453",
                                      subjectCode: "9.4", subjectName: "Voeux et motions",
                                      baseURL: "https://conseil.example.fr/public", legal: legal)
        return PublicSite(catalog: PublicCatalog(texts: [try avis("AVIS-2026-01", on: "2026-03-12")]), publisher: publisher)
    }

    @Test func everyPageHasViewportLandmarksSkipLinkAndTheLegalLinks() throws {
        let site = try Self.site()
        let pages = try PublicSite.pages.map { try #require(site.page(named: $0)) } + [try #require(site.textPage("AVIS-2026-01"))]
        for html in pages {
            #expect(html.contains("<html lang=\"fr\">"))
            #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
            #expect(html.contains("<a class=\"evitement\" href=\"#contenu\">Aller au contenu</a>"))
            for landmark in ["<header role=\"banner\">", "<nav role=\"navigation\"", "<main id=\"contenu\" role=\"main\"", "<footer role=\"contentinfo\">"] {
                #expect(html.contains(landmark), "\(landmark)")
            }
            #expect(html.contains("accessibilite.html\">Accessibilité : non conforme</a>"), "the conformance line in every footer")
            #expect(html.contains("mentions-legales.html\">Mentions légales</a>"))
            #expect(html.components(separatedBy: "<h1>").count == 2, "one first-level heading")
        }
        #expect(site.page(named: "../secret") == nil)
    }

    @Test func accessibilityStatementSaysTheStatusTheContactAndTheRecourse() throws {
        let unaudited = try Self.site(legal: LegalInformation(contact: "secretariat@conseil.example.fr", conformance: .full))
        let html = unaudited.accessibilityPage()
        #expect(html.contains("<h1>Déclaration d'accessibilité</h1>"))
        #expect(html.contains("non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2 : aucun audit"),
                "without an audit day, no status but « non conforme » can be claimed")
        #expect(html.contains("href=\"mailto:secretariat@conseil.example.fr\""))
        #expect(html.contains("Défenseur des droits, Libre réponse 71120"))
        #expect(html.contains("article 47 de la loi n° 2005-102"))
        let audited = try Self.site(legal: LegalInformation(conformance: .partial, auditDay: day("2026-10-01"), statementDay: day("2026-10-15")))
        #expect(audited.accessibilityPage().contains("partiellement conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2, selon l'audit réalisé le 01/10/2026."))
        #expect(audited.accessibilityPage().contains("Cette déclaration a été établie le 15/10/2026."))
        #expect(audited.indexPage().contains("Accessibilité : partiellement conforme"))
    }

    @Test func legalNoticeNamesThePublisherTheDirectorAndTheHost() throws {
        let site = try Self.site(legal: LegalInformation(address: "93006 Bobigny", director: "Le président du conseil", host: "Département <IT>"))
        let html = site.legalNoticePage()
        #expect(html.contains("Conseil numérique de la Seine-Saint-Denis — SIRET 22930008201453"))
        #expect(html.contains("Adresse : 93006 Bobigny"))
        #expect(html.contains("<p>Le président du conseil</p>"))
        #expect(html.contains("<p>Département &lt;IT&gt;</p>"), "escaped")
        #expect(html.contains("Contact : non renseigné par l'éditeur"))
        #expect(html.contains("ne dépose aucun cookie"))
        for contact in ["javascript:alert(1)", "http://example.org/contact", "data:text/html,x"] {
            let page = try Self.site(legal: LegalInformation(contact: contact)).legalNoticePage()
            #expect(!page.contains("href=\"\(contact)\"") && page.contains("Contact : \(contact)"), "\(contact)")
        }
        #expect(try Self.site(legal: LegalInformation(contact: "https://conseil.example.fr/contact")).legalNoticePage()
            .contains("<a href=\"https://conseil.example.fr/contact\">"))
    }

    @Test func reportChartIsNamedAndItsTableIsItsLinkedLongDescription() throws {
        let html = try ActivityReportTests.scenario().html(councilName: "Conseil numérique")
        #expect(html.contains("<svg") && html.contains("role=\"img\" aria-label=\"Assiduité aux séances 2026\""))
        #expect(html.contains("<figure role=\"group\" aria-labelledby=\"assiduite-legende\">"))
        #expect(html.contains("<a href=\"#assiduite-donnees\">"))
        #expect(html.contains("<table id=\"assiduite-donnees\"><caption>"))
        #expect(!html.contains("aria-labelledby=\"chart-title\""))
        #expect(html.contains("<meta name=\"viewport\""))
    }
}
