import Foundation
public import HuisClosCrypto
import HuisClosL10n
import HuisClosWire

/// One contribution to a consultation, as sealed (libsodium sealed box) to the consultation's
/// public key: the relay keeps only the box, and only devices holding the consultation's secret
/// key (the council scope) open it. Name and e-mail, when given, are inside the same box.
public struct Contribution: Sendable, Equatable, Codable {
    /// Where it came from.
    public enum Origin: String, Sendable, Codable {
        /// The public site's form, sealed by the relay on arrival.
        case `public`
        /// A second-circle member's device, sealed on the device and signed by it.
        case secondCircle = "second-cercle"
    }

    /// The consultation it answers (inside the box, so a box cannot be moved to another consultation unseen).
    public let consultation: String
    /// Where it came from.
    public let origin: Origin
    /// The contribution's text.
    public let text: String
    /// The contributor's name, if they gave one.
    public let name: String?
    /// The contributor's e-mail address, if they gave one.
    public let email: String?
    /// A second-circle contribution: the signing device's Ed25519 key (hex).
    public let device: String?
    /// A second-circle contribution: the device's Ed25519 signature (hex) over `signedBytes`.
    public let signature: String?

    /// A contribution; throws unless the text is 1 to `textCharactersMax` characters and the
    /// optional fields within their limits (empty ones are taken as not given).
    public init(consultation: String, origin: Origin, text: String, name: String? = nil, email: String? = nil,
                device: String? = nil, signature: String? = nil) throws(ContributionRefusal) {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ContributionRefusal(.textMissing) }
        guard text.count <= ContributionLimits.textCharactersMax else { throw ContributionRefusal(.tooLong) }
        let name = name?.trimmingCharacters(in: .whitespacesAndNewlines)
        let email = email?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (name?.count ?? 0) <= ContributionLimits.nameCharactersMax, (email?.count ?? 0) <= ContributionLimits.emailCharactersMax else {
            throw ContributionRefusal(.tooLong)
        }
        if let email, !email.isEmpty, !Self.looksLikeEmail(email) { throw ContributionRefusal(.emailInvalid) }
        self.consultation = consultation
        self.origin = origin
        self.text = text
        self.name = name?.isEmpty == true ? nil : name
        self.email = email?.isEmpty == true ? nil : email
        self.device = device
        self.signature = signature
    }

    /// What a second-circle device signs: the consultation and the text, with a fixed label.
    public static func signedBytes(consultation: String, text: String) -> [UInt8] {
        Array("HuisClos contribution 1\n\(consultation)\n\(text.trimmingCharacters(in: .whitespacesAndNewlines))".utf8)
    }

    /// A second-circle contribution signed by `device`.
    public static func signed(consultation: String, text: String, by device: SigningKeyPair) throws(ContributionRefusal) -> Contribution {
        let signature = device.sign(signedBytes(consultation: consultation, text: text))
        return try Contribution(consultation: consultation, origin: .secondCircle, text: text,
                                device: Hex.encode(device.publicKey.bytes), signature: Hex.encode(signature))
    }

    /// The signing device of a second-circle contribution whose signature verifies; nil for a
    /// public contribution or one whose signature does not verify.
    public var verifiedDevice: SigningPublicKey? {
        guard origin == .secondCircle, let device, let signature, let keyBytes = Hex.decode(device),
              let key = try? SigningPublicKey(bytes: keyBytes), let signatureBytes = Hex.decode(signature),
              (try? key.verify(signatureBytes, of: Self.signedBytes(consultation: consultation, text: text))) != nil else { return nil }
        return key
    }

    /// The sealed box of this contribution to `key`.
    public func sealed(to key: AgreementPublicKey) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var plain = [UInt8](try encoder.encode(self))
        defer { plain.wipe() }
        return try SealedBox.seal(plain, to: key)
    }

    /// Opens a sealed contribution with the consultation's key pair; nil when it does not open,
    /// does not decode, or names another consultation.
    public static func open(_ sealed: [UInt8], with key: AgreementKeyPair, consultation: String) -> Contribution? {
        guard let plain = try? SealedBox.open(sealed, with: key),
              let contribution = try? plain.withUnsafeBytes({ try JSONDecoder().decode(Contribution.self, from: Data($0)) }),
              contribution.consultation == consultation else { return nil }
        return contribution
    }

    /// A loose check (one « @ », something on each side, no space): the address is only shown to members.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
    }

    private enum CodingKeys: String, CodingKey { case consultation, origin, text, name, email, device, signature }

    /// Decodes through the validating initialiser.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(consultation: values.decode(String.self, forKey: .consultation), origin: values.decode(Origin.self, forKey: .origin),
                      text: values.decode(String.self, forKey: .text), name: values.decodeIfPresent(String.self, forKey: .name),
                      email: values.decodeIfPresent(String.self, forKey: .email), device: values.decodeIfPresent(String.self, forKey: .device),
                      signature: values.decodeIfPresent(String.self, forKey: .signature))
    }
}

/// Bounds on consultations and contributions (the form is open to anyone: nothing is unbounded).
public enum ContributionLimits {
    /// A question's length in characters: a paragraph or two.
    public static let questionCharactersMax = 4_000
    /// A contribution's text in characters: a few pages, enough for an argued opinion.
    public static let textCharactersMax = 8_000
    /// A name in characters.
    public static let nameCharactersMax = 200
    /// An e-mail address in characters (RFC 5321's path limit).
    public static let emailCharactersMax = 254
    /// The form's request body in bytes: the fields above in UTF-8, percent-encoded (×3), and the puzzle.
    public static let formBytesMax = 64 * 1024
    /// Contributions one consultation keeps: bounds the relay's storage per consultation.
    public static let perConsultationMax = 20_000
}
