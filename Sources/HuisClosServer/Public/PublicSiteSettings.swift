import Foundation
import HuisClosCouncil
import HuisClosL10n
import HuisClosPublication
import HuisClosWire

/// Who publishes, as the open data names it, from `<dataFolder>/public-site.json`:
/// `{"siret": …}` at least (the publishing body's SIRET: no default, so a council never publishes
/// under another authority's number), with optional `name` (by default the council's own name,
/// from its set-up: the membership log's genesis), `subjectCode` and `subjectName` (by default the
/// ACTES subject « 9.4 Vœux et motions », a consultative council's avis). Optional keys fill the
/// legal notice and the accessibility statement: `contact`, `address`, `director`, `host`,
/// `conformance` (« non conforme », « partiellement conforme », « totalement conforme »),
/// `auditDate` and `statementDate` (YYYY-MM-DD). A council hosted beside the default one may give
/// `url`, its public site's address as visitors reach it (`PublicBaseURL`).
struct PublicSiteSettings: Sendable, Codable {
    let name: String?
    let url: String?
    let siret: String
    let subjectCode: String?
    let subjectName: String?
    var contact: String?
    var address: String?
    var director: String?
    var host: String?
    var conformance: String?
    var auditDate: String?
    var statementDate: String?

    /// The settings file's name in a council's folder.
    static let fileName = "public-site.json"
    static let defaultSubjectCode = "9.4"
    static let defaultSubjectName = "Voeux et motions"

    /// The settings file of `folder`, or nil when there is none (the public site then refuses to
    /// publish, saying what to configure); a malformed file or SIRET is an error at start-up.
    static func load(folder: URL) throws -> PublicSiteSettings? {
        let file = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let settings = try JSONDecoder().decode(PublicSiteSettings.self, from: Data(contentsOf: file))
        if let url = settings.url, !(url.hasPrefix("https://") || url.hasPrefix("http://")) || URL(string: url)?.host == nil {
            throw APIError(.malformed, Text(fr: "\(file.path) : url doit être une adresse http(s) absolue comme https://conseil.example.org/public, et non « \(url.prefix(80)) »",
                                            en: "\(file.path): url must be an absolute http(s) address such as https://conseil.example.org/public, not '\(url.prefix(80))'"))
        }
        _ = try settings.publisher(councilName: "-", baseURL: "")
        return settings
    }

    /// The publisher named `name`, or else `councilName`, with public pages under `baseURL`;
    /// throws on a malformed field.
    func publisher(councilName: String, baseURL: String) throws -> Publisher {
        try Publisher(name: name ?? councilName, siret: siret, subjectCode: subjectCode ?? Self.defaultSubjectCode,
                      subjectName: subjectName ?? Self.defaultSubjectName, baseURL: baseURL, legal: legal())
    }

    private func legal() throws(PublicationError) -> LegalInformation {
        func day(_ field: String, _ value: String?) throws(PublicationError) -> Day? {
            guard let value else { return nil }
            guard let day = Day(iso: value) else {
                throw PublicationError(.invalidText, Text(fr: "public-site.json : \(field) est une date comme 2026-09-01, pas « \(value) »",
                                                          en: "public-site.json: \(field) must be a date like 2026-09-01, got '\(value)'"))
            }
            return day
        }
        var status = LegalInformation.Conformance.none
        if let conformance {
            guard let known = LegalInformation.Conformance(rawValue: conformance) else {
                let allowed = LegalInformation.Conformance.allCases.map { "« \($0.rawValue) »" }.joined(separator: ", ")
                throw PublicationError(.invalidText, Text(fr: "public-site.json : conformance vaut \(allowed), pas « \(conformance) »",
                                                          en: "public-site.json: conformance must be one of \(allowed), got '\(conformance)'"))
            }
            status = known
        }
        let audit = try day("auditDate", auditDate)
        if status != .none, audit == nil {
            throw PublicationError(.invalidText, Text(
                fr: "public-site.json : un état « \(status.rawValue) » demande auditDate, le jour de l'audit qui l'a établi",
                en: "public-site.json: a conformance of « \(status.rawValue) » needs the auditDate of the audit that found it"))
        }
        return LegalInformation(contact: contact, address: address, director: director, host: host, conformance: status,
                                auditDay: audit, statementDay: try day("statementDate", statementDate))
    }

}
