import Foundation
import HuisClosCouncil
@testable import HuisClosPublication
import Testing

@Suite struct OpenDataTests {
    /// The column list of SCDL Délibérations 2.1.5 as schema.data.gouv.fr documents it.
    static let schemaColumns = [
        "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET",
        "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR",
        "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
    ]

    @Test func csvHeaderIsExactlyTheSchemaColumnListAndEveryRowHasEveryColumn() throws {
        let texts = [try avis("AVIS-2026-01", on: "2026-03-12", title: "Données, \"ouvertes\", et quartiers"),
                     try avis("AVIS-2026-02", on: "2026-06-04")]
        let csv = SCDLDeliberations.csv(texts, publisher: try testPublisher())
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == Self.schemaColumns.joined(separator: ","))
        #expect(lines.count == 3)
        let firstRow = try #require(lines.last)
        #expect(Self.parseCSVLine(firstRow).count == Self.schemaColumns.count)
        let quoted = try #require(lines.first { $0.contains("ouvertes") })
        let fields = Self.parseCSVLine(quoted)
        #expect(fields[5] == "Autres domaines de compétences/Voeux et motions", "the ACTES subject with its first-level path")
        #expect(fields[6] == "Données, \"ouvertes\", et quartiers", "the title, without the kind repeated")
        #expect(fields[3] == "2026-03-12")
        #expect(fields[11...15] == ["28", "21", "18", "2", "1"])
        #expect(fields[16] == "https://conseil.example.fr/public/textes/AVIS-2026-01.html")
        for column in SCDLDeliberations.notApplicableColumns {
            #expect(fields[Self.schemaColumns.firstIndex(of: column)!].isEmpty)
        }
    }

    @Test func jsonObjectsCarryExactlyTheSchemaColumnsWithRequiredOnesFilledAndVotesAsIntegers() throws {
        let json = SCDLDeliberations.json([try avis("AVIS-2026-01", on: "2026-03-12")], publisher: try testPublisher())
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(objects.count == 1)
        let object = try #require(objects.first)
        #expect(Set(object.keys) == Set(Self.schemaColumns))
        for column in SCDLDeliberations.requiredColumns {
            let value = try #require(object[column] as? String)
            #expect(!value.isEmpty)
        }
        #expect(object["VOTE_POUR"] as? Int == 18)
        #expect(object["BUDGET_ANNEE"] is NSNull)
        #expect(SCDLDeliberations.columns == Self.schemaColumns)
    }

    @Test func subjectNamesGetTheirFirstLevelPathAndBadCodesAreRefused() throws {
        #expect(ActesNomenclature.fullName(code: "9.4", name: "Voeux et motions") == "Autres domaines de compétences/Voeux et motions")
        #expect(ActesNomenclature.fullName(code: "5.2", name: "Institutions et vie politique/Fonctionnement des assemblées")
            == "Institutions et vie politique/Fonctionnement des assemblées")
        for code in ["9", "0.4", "9.123", "x.1", "9.4.1", ""] {
            #expect(ActesNomenclature.fullName(code: code, name: "Voeux et motions") == nil, "\(code)")
            #expect(throws: PublicationError.self) {
                try Publisher(name: "C", siret: "22930008201453", subjectCode: code, subjectName: "Voeux et motions", baseURL: "")
            }
        }
    }

    @Test func voteThatDoesNotAddUpIsRefused() {
        #expect(throws: PublicationError.self) {
            try PublishedText.Vote(seated: 28, voting: 20, inFavour: 18, against: 2, abstaining: 1)
        }
    }

    @Test func identifierThatCouldEscapeTheURLPathIsRefused() {
        #expect(throws: PublicationError.self) {
            try avis("../secret", on: "2026-03-12")
        }
    }

    /// Splits one RFC 4180 line.
    static func parseCSVLine(_ line: String) -> [String] {
        var fields: [String] = [], field = "", quoted = false
        var characters = Array(line)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters.removeFirst() } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" { quoted = true }
            else if character == "," { fields.append(field); field = "" }
            else { field.append(character) }
        }
        fields.append(field)
        return fields
    }
}
