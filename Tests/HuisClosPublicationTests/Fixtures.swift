import HuisClosCouncil
@testable import HuisClosPublication

func day(_ iso: String) -> Day { Day(iso: iso)! }

/// The publisher used by the tests (a syntactically valid SIRET of 14 digits).
func testPublisher() throws -> Publisher {
    try Publisher(name: "Conseil numérique de la Seine-Saint-Denis", siret: "22930008201453", subjectCode: "9.4",
                  subjectName: "Voeux et motions", baseURL: "https://conseil.example.fr/public/")
}

/// An avis adopted on `date` with 18 for, 2 against, 1 abstaining out of 28 members.
func avis(_ id: String, on date: String, title: String = "Inclusion numérique", kind: PublishedText.Kind = .avis,
          paragraphs: [String] = ["Le conseil recommande…"]) throws -> PublishedText {
    try PublishedText(id: id, kind: kind, title: title, adoptedOn: day(date), seance: "seance-\(date)",
                      vote: try .init(seated: 28, voting: 21, inFavour: 18, against: 2, abstaining: 1),
                      paragraphs: paragraphs, referral: "Saisine du président du Département")
}
