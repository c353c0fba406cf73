import HuisClosCouncil
import HuisClosCrypto
import HuisClosL10n
import HuisClosWire

/// A séance's procès-verbal the council decided to publish (`huisclos pv publier`): its text as
/// approved and signed, and its approval. Minutes are not deliberations: they have their own
/// record kind in the public scope and stay out of the SCDL « Délibérations » open data.
public struct PublishedMinutes: Sendable, Equatable, Codable {
    /// Where and how the council approved the minutes.
    public struct Approval: Sendable, Equatable, Codable {
        /// The approving séance and its day.
        public let seance: String, day: Day
        /// Members present at the approving séance, and the votes for, against and abstaining.
        public let present: Int, inFavour: Int, against: Int, abstaining: Int

        public init(seance: String, day: Day, present: Int, inFavour: Int, against: Int, abstaining: Int) {
            (self.seance, self.day, self.present, self.inFavour, self.against, self.abstaining) = (seance, day, present, inFavour, against, abstaining)
        }
    }

    /// The séance the minutes record (its identifier names the public page) and its day.
    public let seance: String
    public let day: Day
    public let approval: Approval
    /// The approved text, paragraph by paragraph.
    public let paragraphs: [String]
    /// The SHA-256 (hex) of the approved text, as the president's device signed it.
    public let textSHA256: String

    /// Published minutes; throws unless the séance identifier can name a page, the approval comes
    /// after the séance with votes that fit those present, and the paragraphs hash to `textSHA256`
    /// (joined by a blank line, as `Minutes.Record.text`).
    public init(seance: String, day: Day, approval: Approval, paragraphs: [String], textSHA256: String) throws(PublicationError) {
        guard PublicationLimits.isValidIdentifier(seance), PublicationLimits.isValidIdentifier(approval.seance) else {
            throw PublicationError(.invalidIdentifier, PublicationError.Code.invalidIdentifier.text)
        }
        let cast = [approval.inFavour, approval.against, approval.abstaining]
        guard approval.day > day, cast.allSatisfy({ $0 >= 0 }), cast.reduce(0, +) <= approval.present else {
            throw PublicationError(.invalidVote, Text(
                fr: "l'approbation du procès-verbal de la séance \(seance) ne tient pas : séance ultérieure, voix au plus égales aux présents",
                en: "the approval of séance \(seance)'s minutes does not hold: a later séance, votes at most those present"))
        }
        guard !paragraphs.isEmpty, Hex.encode(SHA2.sha256(Array(paragraphs.joined(separator: "\n\n").utf8))) == textSHA256 else {
            throw PublicationError(.invalidText, Text(
                fr: "le texte publié du procès-verbal de la séance \(seance) n'est pas le texte approuvé",
                en: "the published text of séance \(seance)'s minutes is not the approved text"))
        }
        (self.seance, self.day, self.approval, self.paragraphs, self.textSHA256) = (seance, day, approval, paragraphs, textSHA256)
    }

    private enum CodingKeys: String, CodingKey { case seance, day, approval, paragraphs, textSHA256 }

    /// Decodes through the validating initialiser.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(seance: values.decode(String.self, forKey: .seance), day: values.decode(Day.self, forKey: .day),
                      approval: values.decode(Approval.self, forKey: .approval), paragraphs: values.decode([String].self, forKey: .paragraphs),
                      textSHA256: values.decode(String.self, forKey: .textSHA256))
    }

    /// The page a visitor reads: the text and its approval, signature and hash (French).
    public func document(councilName: String) -> MinutesDocument {
        MinutesDocument(councilName: councilName, seance: seance, day: day, paragraphs: paragraphs, attestation: [
            MinutesDocument.approvalLine(approval).french,
            MinutesDocument.hashLine(textSHA256).french,
            "Signé par l'appareil de la présidence du conseil ; signature vérifiée avant publication.",
        ])
    }
}
