import Foundation
import HuisClosCouncil
import HuisClosPublication

/// Who publishes, as the open data, the legal notice and the accessibility statement name it:
/// read from `<dataFolder>/public-site.json` when present (`{"name": …, "siret": …,
/// "subjectCode": …, "subjectName": …}` and, optional, `"contact"`, `"address"`, `"director"`,
/// `"host"`, `"conformance"` (« non conforme », « partiellement conforme », « totalement
/// conforme »), `"auditDate"` and `"statementDate"` as YYYY-MM-DD), otherwise the Conseil
/// numérique de la Seine-Saint-Denis with the Département's SIRET and the ACTES subject « 9.4 Vœux
/// et motions » (a consultative council's avis).
struct PublicSiteSettings: Sendable, Codable {
    let name: String
    let siret: String
    let subjectCode: String
    let subjectName: String
    var contact: String?
    var address: String?
    var director: String?
    var host: String?
    var conformance: String?
    var auditDate: String?
    var statementDate: String?

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

    /// The publisher with public pages under `baseURL`; throws on a malformed legal field.
    func publisher(baseURL: String) throws -> Publisher {
        try Publisher(name: name, siret: siret, subjectCode: subjectCode, subjectName: subjectName, baseURL: baseURL,
                      legal: legal())
    }

    private func legal() throws(PublicationError) -> LegalInformation {
        func day(_ field: String, _ value: String?) throws(PublicationError) -> Day? {
            guard let value else { return nil }
            guard let day = Day(iso: value) else {
                throw PublicationError(.invalidText, "public-site.json: \(field) must be a date like 2026-09-01, got '\(value)'")
            }
            return day
        }
        var status = LegalInformation.Conformance.none
        if let conformance {
            guard let known = LegalInformation.Conformance(rawValue: conformance) else {
                let allowed = LegalInformation.Conformance.allCases.map { "« \($0.rawValue) »" }.joined(separator: ", ")
                throw PublicationError(.invalidText, "public-site.json: conformance must be one of \(allowed), got '\(conformance)'")
            }
            status = known
        }
        let audit = try day("auditDate", auditDate)
        if status != .none, audit == nil {
            throw PublicationError(.invalidText, "public-site.json: a conformance of « \(status.rawValue) » needs the auditDate of the audit that found it")
        }
        return LegalInformation(contact: contact, address: address, director: director, host: host, conformance: status,
                                auditDay: audit, statementDay: try day("statementDate", statementDate))
    }
}
