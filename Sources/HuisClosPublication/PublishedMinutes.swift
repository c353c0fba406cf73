import Foundation
public import HuisClosCouncil
import HuisClosCrypto
import HuisClosL10n
import HuisClosWire

/// A séance's procès-verbal the council decided to publish (`huisclos pv publier`): its text as
/// approved and signed, and its approval. Minutes are not deliberations: they have their own
/// record kind in the public scope and stay out of the SCDL « Délibérations » open data. They carry
/// the president's signature (`MinutesSignature`), which the public site checks itself before
/// saying the minutes are signed (`PublicCatalog`).
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
    /// The president's device signature over `approvalStatement(council:)`, with its time-stamp
    /// token; nil in a record published before it was carried (shown as not verified).
    public let signature: MinutesSignature?

    /// Published minutes; throws unless the séance identifier can name a page, the approval comes
    /// after the séance with votes that fit those present, and the paragraphs hash to `textSHA256`
    /// (joined by a blank line, as `Minutes.Record.text`).
    public init(seance: String, day: Day, approval: Approval, paragraphs: [String], textSHA256: String,
                signature: MinutesSignature? = nil) throws(PublicationError) {
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
        (self.seance, self.day, self.approval, self.paragraphs, self.textSHA256, self.signature) = (seance, day, approval, paragraphs, textSHA256, signature)
    }

    private enum CodingKeys: String, CodingKey { case seance, day, approval, paragraphs, textSHA256, signature }

    /// Decodes through the validating initialiser.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(seance: values.decode(String.self, forKey: .seance), day: values.decode(Day.self, forKey: .day),
                      approval: values.decode(Approval.self, forKey: .approval), paragraphs: values.decode([String].self, forKey: .paragraphs),
                      textSHA256: values.decode(String.self, forKey: .textSHA256),
                      signature: values.decodeIfPresent(MinutesSignature.self, forKey: .signature))
    }

    /// The approval statement (UTF-8 lines `name: value`, LF-terminated) the president's device
    /// signs: the council (its trust root's public key, hex), the séance and the day it was held,
    /// where and how it was approved, and the approved text's SHA-256. Version 2 states the séance's
    /// day: under v1, a device that may write the public scope republished signed minutes under
    /// another day, still shown as signed.
    public static func approvalStatement(council: String, seance: String, heldOn day: Day, approval: Approval, textSHA256: String) -> String {
        statement(council: council, seance: seance, heldOn: day, approval: approval, textSHA256: textSHA256)
    }

    /// This publication's approval statement for `council`.
    public func approvalStatement(council: String) -> String {
        Self.approvalStatement(council: council, seance: seance, heldOn: day, approval: approval, textSHA256: textSHA256)
    }

    /// The first (v1) statement, without the séance's day: recognised only to say that minutes were
    /// signed in that format (shown as not verified, to be signed again), never as signed.
    public static func firstApprovalStatement(council: String, seance: String, approval: Approval, textSHA256: String) -> String {
        statement(council: council, seance: seance, heldOn: nil, approval: approval, textSHA256: textSHA256)
    }

    /// The statement's lines: v2 when it names the séance's day, v1 (the same lines without it) when not.
    private static func statement(council: String, seance: String, heldOn day: Day?, approval: Approval, textSHA256: String) -> String {
        let lines = ["HuisClos minutes approval \(day == nil ? "v1" : "v2")", "council: \(council)", "seance: \(seance)"]
            + (day.map { ["seance-day: \($0.iso)"] } ?? [])
            + ["approved-at: \(approval.seance)", "approved-on: \(approval.day.iso)", "present: \(approval.present)", "for: \(approval.inFavour)",
               "against: \(approval.against)", "abstaining: \(approval.abstaining)", "text-sha256: \(textSHA256)"]
        return lines.map { $0 + "\n" }.joined()
    }

    /// This publication's v1 statement for `council` (`firstApprovalStatement`).
    public func firstApprovalStatement(council: String) -> String {
        Self.firstApprovalStatement(council: council, seance: seance, approval: approval, textSHA256: textSHA256)
    }

    /// The page a visitor reads (French): the text, its approval and hash, then what the public
    /// site checked of the signature — verified only when `PublicCatalog` verified it against the
    /// membership log, at `verifiedAtMs` (when the relay received the publication, Unix ms) — with
    /// the key, signature and token a visitor needs to check it again.
    public func document(councilName: String, verifiedAtMs: UInt64?) -> MinutesDocument {
        var attestation = [MinutesDocument.approvalLine(approval).french, MinutesDocument.hashLine(textSHA256).french]
        if let verifiedAtMs, let signature {
            attestation.append("Signé par l'appareil de la présidence du conseil (clé Ed25519 \(Hex.encode(signature.signer))) : "
                + "le site public a vérifié lui-même cette signature sur le texte et le vote ci-dessus, et, dans le registre des membres "
                + "du conseil, que cet appareil était celui de la présidence et n'était pas révoqué quand il a reçu cette publication "
                + "(\(Self.utc(verifiedAtMs))). Moment de signature indiqué par l'appareil qui a publié, non couvert par la signature : "
                + "\(Self.utc(signature.signedAtMs)).")
            attestation.append("Signature (base64) : \(Data(signature.signature).base64EncodedString()).")
            if let token = signature.token {
                attestation.append("Jeton d'horodatage RFC 3161 sur l'approbation et sa signature (DER, base64 ; le site public ne l'a pas vérifié) : "
                    + "\(Data(token).base64EncodedString()).")
            }
        } else {
            attestation.append("Signature de la présidence non vérifiée par le site public : ne tenez pas ce texte pour signé.")
        }
        return MinutesDocument(councilName: councilName, seance: seance, day: day, paragraphs: paragraphs, attestation: attestation)
    }

    /// « 2026-12-07T01:20:00Z » (ISO 8601, UTC).
    private static func utc(_ milliseconds: UInt64) -> String {
        Date(timeIntervalSince1970: TimeInterval(milliseconds / 1000)).formatted(.iso8601)
    }
}
