import Foundation
import HuisClosPublication
import HuisClosWire

/// Who publishes, as the open data names it, from `<dataFolder>/public-site.json`:
/// `{"siret": …}` at least (the publishing body's SIRET: no default, so a council never publishes
/// under another authority's number), with optional `name` (by default the council's own name,
/// from its set-up: the membership log's genesis), `subjectCode` and `subjectName` (by default the
/// ACTES subject « 9.4 Vœux et motions », a consultative council's avis).
struct PublicSiteSettings: Sendable, Codable {
    let name: String?
    let siret: String
    let subjectCode: String?
    let subjectName: String?

    static let defaultSubjectCode = "9.4"
    static let defaultSubjectName = "Voeux et motions"

    /// The settings file of `folder`, or nil when there is none (the public site then refuses to
    /// publish, saying what to configure); a malformed file or SIRET is an error at start-up.
    static func load(folder: URL) throws -> PublicSiteSettings? {
        let file = folder.appendingPathComponent("public-site.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let settings = try JSONDecoder().decode(PublicSiteSettings.self, from: Data(contentsOf: file))
        _ = try settings.publisher(councilName: "-", baseURL: "")
        return settings
    }

    /// The publisher named `name`, or else `councilName`, with public pages under `baseURL`.
    func publisher(councilName: String, baseURL: String) throws -> Publisher {
        try Publisher(name: name ?? councilName, siret: siret, subjectCode: subjectCode ?? Self.defaultSubjectCode,
                      subjectName: subjectName ?? Self.defaultSubjectName, baseURL: baseURL)
    }

    /// Why nothing is published yet: no settings file, so no SIRET to publish under.
    static let unconfigured = APIError(.notFound,
        "the public site publishes nothing yet: the publisher's SIRET is not configured. Write <data folder>/public-site.json "
        + "with {\"siret\": \"<the publishing body's 14 digits>\"} (optional: \"name\", by default the council's name from its set-up; "
        + "\"subjectCode\", \"subjectName\"), then restart huisclos-server")
}
