import HuisClosCouncilStore
import HuisClosCrypto
public import HuisClosL10n
public import HuisClosTrust
import HuisClosTerminal
import HuisClosWire

/// The public half of a device, as enrolment prints it for the secretariat to certify.
public struct DeviceCard: Encodable, Sendable, Equatable {
    public let member: String
    public let signingKey: String
    public let agreementKey: String
    /// What the member compares on screen before approving this device from another one.
    public let fingerprint: String
    /// The card's check code, typed with it at certification (`certificate(member:signing:agreement:check:)`).
    public let check: String

    public init(_ certificate: CertifiedDevice) {
        member = certificate.member.hex
        signingKey = Hex.encode(certificate.signingKey.bytes)
        agreementKey = Hex.encode(certificate.agreementKey.bytes)
        fingerprint = DeviceFingerprint(of: certificate.signingKey).description
        check = Self.check(of: certificate)
    }

    /// "xxxx-xxxx": the first 4 bytes of BLAKE2b-256 over the member id and both keys. A key typed
    /// wrong at certification would certify a device that does not exist, and no device key is
    /// certified twice, so the real device could never be: one slip in 136 hex digits misses
    /// this check once in 4 billion times.
    static func check(of certificate: CertifiedDevice) -> String {
        let digest = Hash.blake2b(certificate.member.bytes + certificate.signingKey.bytes + certificate.agreementKey.bytes)
        let hex = Hex.encode(Array(digest.prefix(4)))
        return "\(hex.prefix(4))-\(hex.dropFirst(4))"
    }

    /// The device a card names, as the secretariat types it back: the member id, both keys and the
    /// card's check code (dashes and case aside), refused with nothing signed unless all agree.
    public static func certificate(member: String, signing: String, agreement: String, check: String) throws -> CertifiedDevice {
        let memberID = try MemberID(hex: member)
        guard let signingBytes = Hex.decode(signing), let signingKey = try? SigningPublicKey(bytes: signingBytes),
              let agreementBytes = Hex.decode(agreement), let agreementKey = try? AgreementPublicKey(bytes: agreementBytes) else {
            throw UsageError("--cle-signature / --cle-accord", "\(signing) / \(agreement)", accepts: Text(
                fr: "deux clés de 64 chiffres hexadécimaux chacune (la carte que huisclos enrol affiche)",
                en: "two keys of 64 hex digits each (the card huisclos enrol prints)"))
        }
        let certificate = CertifiedDevice(signingKey: signingKey, agreementKey: agreementKey, member: memberID)
        guard check.lowercased().filter({ $0 != "-" && $0 != " " }) == Self.check(of: certificate).filter({ $0 != "-" }) else {
            throw UsageError(invalid: Text(
                fr: "--controle « \(check) » ne correspond pas à ces clés et à ce membre : l'un d'eux a été mal recopié ; relisez la carte (membre, deux clés, code de contrôle) ; rien n'a été certifié",
                en: "--controle \"\(check)\" does not match these keys and this member: one of them was copied wrongly; read the card again (member, two keys, check code); nothing was certified"))
        }
        return certificate
    }
}

extension DeviceCard {
    /// What enrolment tells the person: the card to hand to the secretariat, and the fingerprint
    /// to approve this device from another one.
    public var enrolmentLines: [Text] {
        [Text(fr: "Appareil enrôlé. Carte à remettre au secrétariat :", en: "Device enrolled. Card for the secretariat:"),
         Text(fr: "  membre \(member)\n  signature \(signingKey)\n  accord \(agreementKey)\n  contrôle \(check)",
              en: "  member \(member)\n  signing \(signingKey)\n  agreement \(agreementKey)\n  check \(check)"),
         Text(fr: "Empreinte de cet appareil : \(fingerprint). Notez-la : si vous avez déjà un appareil approuvé, "
                  + "approuvez celui-ci depuis l'autre (huisclos appareils approuver \(fingerprint)) après sa certification.",
              en: "This device's fingerprint: \(fingerprint). Note it: if you already have an approved device, "
                  + "approve this one from it (huisclos appareils approuver \(fingerprint)) once it is certified.")]
    }
}
