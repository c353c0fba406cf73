import Foundation
import HuisClosCouncil
@testable import HuisClosPublication
import Testing

/// Published material that a spreadsheet or a decoder could be tricked by (issue 11, "Low").
@Suite struct HostileTextTests {
    @Test func csvCellsThatAFormulaCouldStartWithAreNeutralised() throws {
        for lead in ["=", "+", "-", "@", "\t", "\r"] {
            let publisher = try Publisher(name: "\(lead)HYPERLINK(\"http://evil.example\")", siret: "22930008201453", subjectCode: "9.4",
                                          subjectName: "\(lead)1+1", baseURL: "https://conseil.example.fr/public")
            let csv = SCDLDeliberations.csv([try avis("-2026-01", on: "2026-03-01")], publisher: publisher)
            let cells = csv.split(separator: "\r\n", omittingEmptySubsequences: false)[1]
            #expect(!cells.hasPrefix(lead) && !cells.hasPrefix("\"\(lead)"), "lead \(lead.debugDescription): \(cells)")
            #expect(!cells.contains(",\(lead)") && !cells.contains(",\"\(lead)"), "lead \(lead.debugDescription): \(cells)")
        }
    }

    /// A "prepend" code point (U+0600 ARABIC NUMBER SIGN, U+0605, U+110BD KAITHI NUMBER SIGN) joins
    /// the next one into a single Swift `Character`: an escaper comparing characters lets `<` or `"`
    /// through (the attacker review of the app, finding 1). Escaping works on code points.
    @Test func aCharacterThatJoinsTheNextDoesNotHideMarkupFromTheEscaper() throws {
        for prepend in ["\u{600}", "\u{605}", "\u{110BD}"] {
            for sign in ["<", ">", "\"", "'", "&"] {
                let escaped = Escaping.html("a" + prepend + sign + "b")
                #expect(!escaped.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) }, "\(escaped.debugDescription)")
                #expect(escaped.components(separatedBy: "&").dropFirst().allSatisfy { $0.hasPrefix("amp;") || $0.hasPrefix("lt;") || $0.hasPrefix("gt;") || $0.hasPrefix("quot;") || $0.hasPrefix("#39;") },
                        "\(escaped.debugDescription)")
            }
            // A CSV field holding a quote behind such a code point is still quoted, the quote doubled.
            let field = Escaping.csv("x" + prepend + "\",y")
            #expect(field.hasPrefix("\"") && field.hasSuffix("\"") && field.unicodeScalars.filter { $0 == "\"" }.count == 4, "\(field.debugDescription)")
        }
        let publisher = try Publisher(name: "Conseil", siret: "22930008201453", subjectCode: "9.4", subjectName: "Autres domaines de compétences/Voeux et motions",
                                      baseURL: "https://conseil.example.fr/public")
        let page = PublicSite(catalog: PublicCatalog(texts: [try avis("AVIS-2026-01", on: "2026-03-01", title: "Avis \u{600}<script>alert(1)</script>")]),
                              publisher: publisher).indexPage()
        #expect(!page.contains("<script>alert"), "\(page)")
    }

    @Test func publishedTextIsDecodedThroughItsValidatingInitialiser() throws {
        let good = try avis("AVIS-2026-01", on: "2026-03-01")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(good)) as! [String: Any]
        var badVote = json
        badVote["vote"] = ["seated": 3, "voting": 10, "inFavour": 10, "against": 0, "abstaining": 0]
        var badID = json
        badID["id"] = "../../etc"
        var emptyTitle = json
        emptyTitle["title"] = ""
        for bad in [badVote, badID, emptyTitle] {
            let data = try JSONSerialization.data(withJSONObject: bad)
            #expect(throws: (any Error).self, "\(bad)") { _ = try JSONDecoder().decode(PublishedText.self, from: data) }
        }
        #expect(try JSONDecoder().decode(PublishedText.self, from: JSONEncoder().encode(good)) == good)
    }
}
