public import HuisClosCouncil
import HuisClosL10n

/// The body publishing the texts: who the open data, the legal notice and the accessibility
/// statement name.
public struct Publisher: Sendable, Equatable {
    /// Official name (SCDL COLL_NOM).
    public let name: String
    /// SIRET of the publishing body (SCDL COLL_SIRET): 14 digits.
    public let siret: String
    /// ACTES subject code for the council's texts (SCDL DELIB_MATIERE_CODE), e.g. `9.4`.
    public let subjectCode: String
    /// ACTES subject name with its first-level path (SCDL DELIB_MATIERE_NOM), e.g.
    /// « Autres domaines de compétences/Voeux et motions ».
    public let subjectName: String
    /// Base URL of the public pages, e.g. `https://conseil.example.fr/public` (no trailing slash).
    public let baseURL: String
    /// What the legal notice and the accessibility statement say beyond the name and SIRET.
    public let legal: LegalInformation

    /// A publisher; throws unless `siret` is 14 digits and `subjectCode` an ACTES code. A
    /// `subjectName` without its first-level subject (« Voeux et motions ») gets it from the code.
    public init(name: String, siret: String, subjectCode: String, subjectName: String, baseURL: String,
                legal: LegalInformation = LegalInformation()) throws(PublicationError) {
        guard siret.count == 14, siret.allSatisfy(\.isASCII), siret.allSatisfy(\.isNumber) else {
            throw PublicationError(.invalidText, Text(fr: "COLL_SIRET compte 14 chiffres, pas « \(siret) » : donnez le SIRET de l'organisme qui publie",
                                                      en: "COLL_SIRET must be 14 digits, got '\(siret)': give the SIRET of the publishing body"))
        }
        guard let fullName = ActesNomenclature.fullName(code: subjectCode, name: subjectName) else {
            throw PublicationError(.invalidText, Text(
                fr: "Le code de matière ACTES s'écrit comme 9.4 (un chiffre de 1 à 9, un point, un ou deux chiffres), pas « \(subjectCode) »",
                en: "the ACTES subject code must be like 9.4 (a digit 1-9, a dot, one or two digits), got '\(subjectCode)'"))
        }
        self.name = name
        self.siret = siret
        self.subjectCode = subjectCode
        self.subjectName = fullName
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.legal = legal
    }

    /// The public page of `text`.
    public func pageURL(of text: PublishedText) -> String { "\(baseURL)/textes/\(text.id).html" }
}

/// The publisher's legal notice and accessibility facts (décret 2019-768, loi 2004-575 art. 6):
/// each is optional in the settings, and a page shows « non renseigné » for what is missing.
public struct LegalInformation: Sendable, Equatable {
    /// How far the site conforms to the RGAA, as the accessibility statement must say.
    public enum Conformance: String, Sendable, CaseIterable {
        /// No audit yet: the only status the law allows without one.
        case none = "non conforme"
        /// An audit found between 50 % and 100 % of the criteria met.
        case partial = "partiellement conforme"
        /// An audit found every criterion met.
        case full = "totalement conforme"
    }

    /// An e-mail address or the address of a contact page (feedback on accessibility, legal notice).
    public var contact: String?
    /// The publisher's postal address.
    public var address: String?
    /// The director of publication (directeur de la publication).
    public var director: String?
    /// Who hosts the server: name and address.
    public var host: String?
    /// The RGAA conformance status; `.none` until an audit says otherwise.
    public var conformance: Conformance
    /// The day of the audit behind a `.partial` or `.full` status.
    public var auditDay: Day?
    /// The day the accessibility statement was established.
    public var statementDay: Day?

    /// Legal facts; a conformance other than `.none` needs the day of its audit.
    public init(contact: String? = nil, address: String? = nil, director: String? = nil, host: String? = nil,
                conformance: Conformance = .none, auditDay: Day? = nil, statementDay: Day? = nil) {
        self.contact = contact
        self.address = address
        self.director = director
        self.host = host
        self.conformance = auditDay == nil ? .none : conformance
        self.auditDay = auditDay
        self.statementDay = statementDay
    }
}
