import Foundation
import HuisClosCouncil

/// Open data for published texts following the SCDL « Délibérations » schema (version 2.1.5,
/// https://schema.data.gouv.fr/scdl/deliberations/2.1.5/documentation.html) wherever it fits;
/// the tests run the official validator (Validata) over it.
///
/// Mapping (one row per published text):
/// - `COLL_NOM`, `COLL_SIRET`: the publishing body (`Publisher`).
/// - `DELIB_ID`: the text's identifier; `DELIB_DATE`: the day of the adopting séance (ISO 8601).
/// - `DELIB_MATIERE_CODE`, `DELIB_MATIERE_NOM`: the ACTES subject the publisher configures for
///   its texts (a consultative council's avis all fall under one subject), the name with its
///   first-level path (« Autres domaines de compétences/Voeux et motions »).
/// - `DELIB_OBJET`: the title as adopted (the kind is not repeated: titles already say it).
/// - `VOTE_EFFECTIF`, `VOTE_REEL`, `VOTE_POUR`, `VOTE_CONTRE`, `VOTE_ABSTENTION`: the vote count.
/// - `DELIB_URL`: the text's public page.
///
/// Columns that do not apply, left empty (CSV) or null (JSON): `BUDGET_ANNEE` and `BUDGET_NOM`
/// (an avis carries no budget), `PREF_ID` and `PREF_DATE` (a consultative council's avis is not
/// sent to the prefecture for legality control).
public enum SCDLDeliberations {
    /// Every column of the schema, in the schema's order.
    public static let columns = [
        "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
        "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
        "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
    ]
    /// The columns the schema requires.
    public static let requiredColumns = [
        "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM", "DELIB_OBJET",
    ]
    /// The columns that do not apply to a consultative council's texts (always empty).
    public static let notApplicableColumns = ["BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE"]
    /// Columns holding integers.
    static let integerColumns: Set<String> = ["VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION"]

    /// The row of `text`: column → value (nil for a column that does not apply).
    public static func row(_ text: PublishedText, publisher: Publisher) -> [String: String?] {
        return [
            "COLL_NOM": publisher.name,
            "COLL_SIRET": publisher.siret,
            "DELIB_ID": text.id,
            "DELIB_DATE": text.adoptedOn.iso,
            "DELIB_MATIERE_CODE": publisher.subjectCode,
            "DELIB_MATIERE_NOM": publisher.subjectName,
            "DELIB_OBJET": text.title,
            "BUDGET_ANNEE": nil, "BUDGET_NOM": nil, "PREF_ID": nil, "PREF_DATE": nil,
            "VOTE_EFFECTIF": String(text.vote.seated),
            "VOTE_REEL": String(text.vote.voting),
            "VOTE_POUR": String(text.vote.inFavour),
            "VOTE_CONTRE": String(text.vote.against),
            "VOTE_ABSTENTION": String(text.vote.abstaining),
            "DELIB_URL": publisher.pageURL(of: text),
        ]
    }

    /// CSV (UTF-8, comma-separated, CRLF line ends, header row of `columns`).
    public static func csv(_ texts: [PublishedText], publisher: Publisher) -> String {
        var lines = [columns.joined(separator: ",")]
        for text in texts {
            let row = row(text, publisher: publisher)
            lines.append(columns.map { Escaping.csv((row[$0] ?? nil) ?? "") }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// JSON: an array of objects keyed by `columns`, integers as numbers, null where a column does not apply.
    public static func json(_ texts: [PublishedText], publisher: Publisher) -> String {
        let objects: [[String: Any]] = texts.map { text in
            var object: [String: Any] = [:]
            for (column, value) in row(text, publisher: publisher) {
                if let value {
                    object[column] = integerColumns.contains(column) ? (Int(value).map { $0 as Any } ?? NSNull()) : value
                } else {
                    object[column] = NSNull()
                }
            }
            return object
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self) + "\n"
        } catch {
            preconditionFailure("strings, integers and null always serialise to JSON: \(error)")
        }
    }
}
