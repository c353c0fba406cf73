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
