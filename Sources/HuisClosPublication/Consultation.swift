import Foundation
public import HuisClosCouncil
public import HuisClosCrypto
import HuisClosL10n
import HuisClosWire

/// A consultation as the council announces it in the public scope: what the relay needs to serve
/// its form and seal contributions (the public key), never the secret key, which stays in the
/// council scope (`Protocol/CONSULTATIONS.md`).
public struct Consultation: Sendable, Equatable, Codable {
    /// Who may contribute.
    public enum Audience: String, Sendable, Codable, CaseIterable {
        /// Members of the second circle, from their devices.
        case secondCircle = "second-cercle"
        /// Anyone, through the public site's form (and the second circle from their devices).
        case `public`
    }

    /// Stable identifier, unique within the council (a URL path segment), e.g. `c-2027-mobilites`.
    public let id: String
    /// The topic (the page's title).
    public let topic: String
    /// The question put to contributors.
    public let question: String
    /// Who may contribute.
    public let audience: Audience
    /// When contributions stop being accepted (seconds since 1970, UTC).
    public let closesAt: Int64
    /// The consultation's X25519 public key, 32 bytes in hex: contributions are sealed to it.
    public let publicKey: String
    /// Closed early by the council (also refused after `closesAt`).
    public let closed: Bool
    /// When the council closed it (seconds since 1970, UTC); nil while open, and in an announcement
    /// written before the instant was recorded.
    public let closedAt: Int64?

    /// An announcement; throws unless the identifier, texts and key are usable.
    public init(id: String, topic: String, question: String, audience: Audience, closesAt: Int64, publicKey: String,
                closed: Bool = false, closedAt: Int64? = nil) throws(PublicationError) {
        guard PublicationLimits.isValidIdentifier(id) else {
            throw PublicationError(.invalidIdentifier, Text(
                fr: "« \(id) » n'est pas un identifiant de consultation valable : 1 à \(PublicationLimits.identifierCharactersMax) lettres, chiffres, « - » ou « _ »",
                en: "'\(id)' is not a valid consultation identifier: use 1 to \(PublicationLimits.identifierCharactersMax) letters, digits, '-' or '_'"))
        }
        guard !topic.isEmpty, topic.count <= PublicationLimits.titleCharactersMax,
              !question.isEmpty, question.count <= ContributionLimits.questionCharactersMax else {
            throw PublicationError(.invalidText, Text(
                fr: "une consultation a un sujet de 1 à \(PublicationLimits.titleCharactersMax) caractères et une question de 1 à \(ContributionLimits.questionCharactersMax)",
                en: "a consultation needs a topic of 1 to \(PublicationLimits.titleCharactersMax) characters and a question of 1 to \(ContributionLimits.questionCharactersMax)"))
        }
        guard let key = Hex.decode(publicKey), key.count == AgreementPublicKey.length else {
            throw PublicationError(.malformed, Text(fr: "la clé publique d'une consultation compte 64 chiffres hexadécimaux",
                                                    en: "a consultation's public key is 64 hex digits"))
        }
        self.id = id
        self.topic = topic
        self.question = question
        self.audience = audience
        self.closesAt = closesAt
        self.publicKey = Hex.encode(key)
        self.closed = closed || closedAt != nil
        self.closedAt = closedAt
    }

    /// The key contributions are sealed to.
    public var sealingKey: AgreementPublicKey {
        // The initialiser checked the length: this cannot fail.
        try! AgreementPublicKey(bytes: Hex.decode(publicKey) ?? [])
    }

    /// True while contributions are accepted at `instant` (seconds since 1970).
    public func isOpen(at instant: Int64) -> Bool { !closed && instant < closesAt }

    /// When contributions stopped, or will stop: the earlier of `closesAt` and the instant the
    /// council closed it (`closesAt` for a closing recorded without its instant). A synthesis is
    /// adopted only at a séance from then on.
    public var end: Int64 { min(closesAt, closedAt ?? closesAt) }

    /// True when the council closed it before `closesAt`.
    public var closedEarly: Bool { end < closesAt }

    /// The instant a consultation closing on `day` at `time` (the council's wall clock,
    /// Europe/Paris; 23:59 when no time is given) stops taking contributions: the last second of that
    /// minute, so it reads as that minute.
    public static func closingInstant(_ day: Day, at time: TimeOfDay?) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = LocalTime.zone
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: time?.hour ?? 23, minute: time?.minute ?? 59)
        let start = calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
        return Int64(start.timeIntervalSince1970) + 59
    }

    /// The same consultation, closed by the council at `instant`.
    public func closing(at instant: Int64) -> Consultation {
        // Every field was checked when `self` was made.
        try! Consultation(id: id, topic: topic, question: question, audience: audience, closesAt: closesAt, publicKey: publicKey,
                          closed: true, closedAt: instant)
    }

    private enum CodingKeys: String, CodingKey { case id, topic, question, audience, closesAt, publicKey, closed, closedAt }

    /// Decodes through the validating initialiser (the announcement is signed by a device, read by the relay).
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(id: values.decode(String.self, forKey: .id), topic: values.decode(String.self, forKey: .topic),
                      question: values.decode(String.self, forKey: .question), audience: values.decode(Audience.self, forKey: .audience),
                      closesAt: values.decode(Int64.self, forKey: .closesAt), publicKey: values.decode(String.self, forKey: .publicKey),
                      closed: values.decodeIfPresent(Bool.self, forKey: .closed) ?? false,
                      closedAt: values.decodeIfPresent(Int64.self, forKey: .closedAt))
    }
}
