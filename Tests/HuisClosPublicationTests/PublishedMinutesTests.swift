import Foundation
import HuisClosCouncil
import HuisClosCrypto
import HuisClosEngine
import HuisClosPublication
import HuisClosWire
import Testing

/// Published minutes (issue 17, item 4): every reader of the public scope decodes them through the
/// same checks — the text is the approved one (its SHA-256), the approval follows the séance with
/// votes that fit — and the site's page escapes what the council wrote.
@Suite struct PublishedMinutesTests {
    static let paragraphs = ["Séance du 12 mai 2026 : 15 présents sur 20.", "Point 1 — <script>alert(1)</script> & « données »."]

    static func minutes(seance: String = "s-2026-05", approvedOn: String = "2026-06-11", present: Int = 15, inFavour: Int = 14,
                        paragraphs: [String] = paragraphs, hashOf hashed: [String] = paragraphs) throws -> PublishedMinutes {
        try PublishedMinutes(seance: seance, day: Day(iso: "2026-05-12")!,
                             approval: .init(seance: "s-2026-06", day: Day(iso: approvedOn)!, present: present, inFavour: inFavour, against: 0, abstaining: 1),
                             paragraphs: paragraphs, textSHA256: Hex.encode(SHA2.sha256(Array(hashed.joined(separator: "\n\n").utf8))))
    }

    @Test func onlyTheApprovedTextAfterItsSeanceWithVotesThatFitDecodes() throws {
        let minutes = try Self.minutes()
        guard case let .set(key, _, .text(json)) = try PublicCatalog.publishMinutesChange(minutes) else { Issue.record("not a set"); return }
        #expect(key.kind == PublicCatalog.minutesKind && key.id == "s-2026-05")
        #expect(try JSONDecoder().decode(PublishedMinutes.self, from: Data(json.utf8)) == minutes)
        // A document whose text is not the one hashed (edited in the public scope) does not decode.
        let edited = json.replacingOccurrences(of: "15 présents", with: "20 présents")
        #expect(edited != json)
        #expect(throws: PublicationError.self) { try JSONDecoder().decode(PublishedMinutes.self, from: Data(edited.utf8)) }
        #expect(throws: PublicationError.self) { try Self.minutes(paragraphs: ["Autre texte."]) }
        #expect(throws: PublicationError.self) { try Self.minutes(approvedOn: "2026-05-12") }
        #expect(throws: PublicationError.self) { try Self.minutes(present: 10, inFavour: 10) }
        #expect(throws: PublicationError.self) { try Self.minutes(seance: "../index") }
        #expect(throws: PublicationError.self) { try Self.minutes(paragraphs: [], hashOf: []) }
    }

    /// Minutes published before the signature was carried still decode, and their page does not say they are signed.
    @Test func anOlderRecordWithoutTheSignatureDecodesAndIsShownAsNotVerified() throws {
        let minutes = try Self.minutes()
        guard case let .set(_, _, .text(json)) = try PublicCatalog.publishMinutesChange(minutes) else { Issue.record("not a set"); return }
        #expect(!json.contains("signature"), "\(json)")
        let decoded = try JSONDecoder().decode(PublishedMinutes.self, from: Data(json.utf8))
        #expect(decoded == minutes && decoded.signature == nil)
        let catalog = PublicCatalog(texts: [], minutes: [decoded])
        let page = try #require(PublicSite(catalog: catalog, publisher: try testPublisher()).minutesPage("s-2026-05"))
        #expect(page.contains("Signature de la présidence non vérifiée par le site public") && !page.contains("Signé par"), "\(page)")
    }

    @Test func theSiteListsThemOutsideTheTextsAndServesAnEscapedPage() throws {
        let site = PublicSite(catalog: PublicCatalog(texts: [], minutes: [try Self.minutes()]), publisher: try testPublisher())
        let page = try #require(site.minutesPage("s-2026-05"))
        #expect(page.contains("<h1>Procès-verbal de la séance du mardi 12 mai 2026</h1>"), "\(page)")
        #expect(page.contains("<p>Point 1 — &lt;script&gt;alert(1)&lt;/script&gt; &amp; « données ».</p>") && !page.contains("<script>"), "\(page)")
        #expect(page.contains("Approuvé à la séance s-2026-06 du 11/06/2026 : 15 présents, 14 pour, 0 contre, 1 abstention(s)."), "\(page)")
        #expect(site.minutesPage("s-2026-06") == nil)
        let index = site.indexPage()
        #expect(index.contains("<a href=\"proces-verbaux/s-2026-05.html\">Procès-verbal de la séance du mardi 12 mai 2026</a>"), "\(index)")
        #expect(index.contains("Aucun texte n'a encore été publié."), "minutes are not texts: \(index)")
        #expect(!SCDLDeliberations.csv(site.catalog.texts, publisher: try testPublisher()).contains("s-2026-05"), "not in the open data")
    }
}
