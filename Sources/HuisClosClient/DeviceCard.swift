import HuisClosCrypto
public import HuisClosL10n
public import HuisClosTrust
import HuisClosWire

/// The public half of a device, as enrolment prints it for the secretariat to certify.
public struct DeviceCard: Encodable, Sendable, Equatable {
    public let member: String
    public let signingKey: String
    public let agreementKey: String
    /// What the member compares on screen before approving this device from another one.
    public let fingerprint: String

    public init(_ certificate: CertifiedDevice) {
        member = certificate.member.hex
        signingKey = Hex.encode(certificate.signingKey.bytes)
        agreementKey = Hex.encode(certificate.agreementKey.bytes)
        fingerprint = DeviceFingerprint(of: certificate.signingKey).description
    }
}

extension DeviceCard {
    /// What enrolment tells the person: the card to hand to the secretariat, and the fingerprint
    /// to approve this device from another one.
    public var enrolmentLines: [Text] {
        [Text(fr: "Appareil enrôlé. Carte à remettre au secrétariat :", en: "Device enrolled. Card for the secretariat:"),
         Text(fr: "  membre \(member)\n  signature \(signingKey)\n  accord \(agreementKey)",
              en: "  member \(member)\n  signing \(signingKey)\n  agreement \(agreementKey)"),
         Text(fr: "Empreinte de cet appareil : \(fingerprint). Notez-la : si vous avez déjà un appareil approuvé, "
                  + "approuvez celui-ci depuis l'autre (huisclos appareils approuver \(fingerprint)) après sa certification.",
              en: "This device's fingerprint: \(fingerprint). Note it: if you already have an approved device, "
                  + "approve this one from it (huisclos appareils approuver \(fingerprint)) once it is certified.")]
    }
}
