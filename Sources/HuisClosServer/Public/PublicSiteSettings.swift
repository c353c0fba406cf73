import Foundation
import HuisClosPublication

/// Who publishes, as the open data names it: read from `<dataFolder>/public-site.json` when
/// present (`{"name": …, "siret": …, "subjectCode": …, "subjectName": …}`), otherwise the
/// Conseil numérique de la Seine-Saint-Denis with the Département's SIRET and the ACTES subject
/// « 9.4 Vœux et motions » (a consultative council's avis).
struct PublicSiteSettings: Sendable, Codable {
    let name: String
    let siret: String
    let subjectCode: String
    let subjectName: String

    static let standard = PublicSiteSettings(
        name: "Conseil numérique de la Seine-Saint-Denis", siret: "22930008201453",
        subjectCode: "9.4", subjectName: "Voeux et motions")

    /// The settings file of `folder`, or `standard`; a malformed file is an error at start-up.
    static func load(folder: URL) throws -> PublicSiteSettings {
        let file = folder.appendingPathComponent("public-site.json")
        guard FileManager.default.fileExists(atPath: file.path) else { return standard }
        let settings = try JSONDecoder().decode(PublicSiteSettings.self, from: Data(contentsOf: file))
        _ = try settings.publisher(baseURL: "")
        return settings
    }

    /// The publisher with public pages under `baseURL`.
    func publisher(baseURL: String) throws -> Publisher {
        try Publisher(name: name, siret: siret, subjectCode: subjectCode, subjectName: subjectName, baseURL: baseURL)
    }
}
