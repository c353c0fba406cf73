import Foundation
import HuisClosCouncil
import HuisClosL10n
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

    /// The attacker's second review: a right-to-left override in a title or a name reordered it on
    /// the public pages, the HTML and PDF exports and the app (a terminal already showed it as
    /// `\u{202e}`); a control character reached them as is.
    @Test func bidirectionalOverridesAndControlsInOthersTextAreShownAsReplacementCharacters() throws {
        let hostile = "Avis \u{202e}fdp.exe\u{2066}x\u{2069}\u{1b}[2J\u{9b}\u{2028}"
        #expect(Escaping.html(hostile) == "Avis \u{FFFD}fdp.exe\u{FFFD}x\u{FFFD}\u{FFFD}[2J\u{FFFD}\u{FFFD}")
        #expect(Escaping.html("Ligne 1\nLigne 2\tفاطمة\u{200F}") == "Ligne 1\nLigne 2\tفاطمة\u{200F}", "white space and marks a name needs stay")
        // The attacker's review of this stop: the CSV of the attendance and the open data kept them.
        #expect(Escaping.csv("Eve \u{202e}xsl.exe") == "Eve \u{FFFD}xsl.exe" && Escaping.csv("a\r\nb") == "\"a\r\nb\"")
        let publisher = try testPublisher()
        let site = PublicSite(catalog: PublicCatalog(texts: [try avis("AVIS-2026-01", on: "2026-03-01", title: hostile, paragraphs: [hostile])]),
                              publisher: publisher)
        for page in [site.indexPage(), try #require(site.textPage("AVIS-2026-01"))] {
            #expect(!page.unicodeScalars.contains { HiddenCharacters.contains($0, keepingLines: true) && $0 != "\r" }, "\(page.debugDescription)")
            #expect(page.contains("fdp.exe"))
        }
    }

    /// The attacker's second review: the Markdown exports (activity report, minutes, adopted texts)
    /// wrote others' text as is, so a viewer fetched an image or ran inline HTML hidden in a name
    /// or a title, and a line break in it started a heading of its own.
    @Test func markdownExportsShowOthersTextAsWritten() throws {
        let hostile = "Eve <img src=x onerror=alert(1)> ![p](http://evil.example/p.png) [clic](javascript:alert(1)) **gras** | x\n# Faux titre\u{202e}"
        func shownAsWritten(_ markdown: String, _ context: String) {
            #expect(!markdown.contains("Eve <img") && !markdown.contains(" ![p]") && !markdown.contains(" [clic]") && !markdown.contains(" **gras**")
                    && !markdown.contains("\n# Faux") && !markdown.contains("\u{202e}"), "\(context): \(markdown)")
            #expect(markdown.contains(#"Eve \<img src=x onerror=alert(1)\> \!\[p\](http://evil.example/p.png)"#), "\(context): \(markdown)")
        }
        shownAsWritten(Escaping.markdown(hostile, inline: true), "inline")
        let report = ActivityReport(year: 2026, seances: [.init(id: "s1", day: day("2026-01-20"), expected: [hostile], present: [hostile])],
                                    adopted: [], referrals: [], groups: [], hearings: [])
        let markdown = report.markdown(councilName: "Conseil")
        shownAsWritten(markdown, "report")
        #expect(markdown.contains(##"\| x # Faux titre"##) == false && markdown.contains(##"\| x \# Faux titre"##), "a cell keeps to its row: \(markdown)")
        let minutes = MinutesDocument(councilName: "Conseil", seance: "s1", day: day("2026-01-20"), paragraphs: [hostile], attestation: [hostile])
        shownAsWritten(minutes.markdown(), "minutes")
        // The attacker's review of this stop: a line of « --- » under another made it a heading, « 1. » a
        // list, four spaces a code block, in a paragraph any member drafts.
        let blocks = Escaping.markdown("Faux titre\n---\n    code\n1. un\n12) deux\n+ trois\n=\nSeine-Saint-Denis 2.0", inline: false)
        #expect(blocks == #"Faux titre\n\---\ncode\n1\. un\n12\) deux\n\+ trois\n\=\nSeine-Saint-Denis 2.0"#.replacingOccurrences(of: #"\n"#, with: "\n"), "\(blocks)")
        shownAsWritten(SeanceRecordDocuments.adoptedMarkdown(try avis("AVIS-2026-01", on: "2026-03-01", title: hostile, paragraphs: [hostile])), "adopted")
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
