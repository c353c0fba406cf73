import Foundation
import HuisClosCouncil
import HuisClosL10n
import HuisClosPublication

/// The activity report's input as a JSON file (dates `AAAA-MM-JJ`), for a year whose séances,
/// texts, referrals, groups and hearings are given as plain values:
///
/// ```json
/// {"conseil": "Conseil numérique de la Seine-Saint-Denis",
///  "seances": [{"id": "s1", "date": "2026-01-20", "attendus": ["A. Martin"], "presents": ["A. Martin"], "excuses": []}],
///  "textes": [{"id": "AVIS-2026-01", "nature": "avis", "titre": "…", "date": "2026-04-14", "seance": "s2",
///              "vote": {"effectif": 28, "votants": 21, "pour": 18, "contre": 2, "abstention": 1}}],
///  "saisines": [{"id": "r1", "objet": "…", "origine": "president", "recue": "2026-02-01", "avis": "AVIS-2026-01"}],
///  "groupes": [{"nom": "budget", "membres": 4, "supplementaires": 1, "dossiers": 2}],
///  "auditions": [{"invite": "Mme X, chercheuse", "date": "2026-03-03", "dossier": "etude"}]}
/// ```
struct RapportAnnuelInput: Decodable {
    struct Seance: Decodable { let id: String; let date: String; let attendus: [String]; let presents: [String]; let excuses: [String]? }
    struct Vote: Decodable { let effectif: Int; let votants: Int; let pour: Int; let contre: Int; let abstention: Int }
    struct Texte: Decodable { let id: String; let nature: String; let titre: String; let date: String; let seance: String; let vote: Vote }
    struct Saisine: Decodable { let id: String; let objet: String; let origine: String; let recue: String; let avis: String? }
    struct Groupe: Decodable { let nom: String; let membres: Int; let supplementaires: Int; let dossiers: Int }
    struct Audition: Decodable { let invite: String; let date: String; let dossier: String }

    let conseil: String
    let seances: [Seance]
    let textes: [Texte]
    let saisines: [Saisine]
    let groupes: [Groupe]
    let auditions: [Audition]

    /// The report for `year`; throws naming the first value that does not parse.
    func report(year: Int) throws -> ActivityReport {
        ActivityReport(
            year: year,
            seances: try seances.map { .init(id: $0.id, day: try Self.day($0.date), expected: $0.attendus, present: $0.presents, excused: $0.excuses ?? []) },
            adopted: try textes.map { text in
                guard let kind = PublishedText.Kind(rawValue: text.nature) else {
                    throw ReportInputError(text: Text(fr: "nature « \(text.nature) » inconnue pour \(text.id) : avis, recommandation ou programme",
                                                      en: "unknown kind '\(text.nature)' for \(text.id): avis, recommandation or programme"))
                }
                return try PublishedText(id: text.id, kind: kind, title: text.titre, adoptedOn: try Self.day(text.date), seance: text.seance,
                                         vote: try .init(seated: text.vote.effectif, voting: text.vote.votants, inFavour: text.vote.pour,
                                                         against: text.vote.contre, abstaining: text.vote.abstention),
                                         paragraphs: [])
            },
            referrals: try saisines.map {
                .init(id: $0.id, subject: $0.objet, origin: $0.origine == "auto" ? .selfReferral : .departmentalPresident,
                      received: try Self.day($0.recue), answeredBy: $0.avis)
            },
            groups: groupes.map { .init(name: $0.nom, members: $0.membres, supplementaryMembers: $0.supplementaires, dossiers: $0.dossiers) },
            hearings: try auditions.map { .init(guest: $0.invite, day: try Self.day($0.date), dossier: $0.dossier) })
    }

    static func day(_ text: String) throws -> Day {
        guard let day = Day(iso: text) else { throw ReportInputError(text: Text(fr: "date « \(text) » invalide : écrivez AAAA-MM-JJ", en: "invalid date '\(text)': write YYYY-MM-DD")) }
        return day
    }
}

/// A value of the report's input file that does not parse.
struct ReportInputError: Error, CustomStringConvertible {
    /// What is wrong and what to write instead, in both languages.
    let text: Text
    var description: String { text.french }
}
