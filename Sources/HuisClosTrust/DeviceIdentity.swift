public import HuisClosCrypto

/// This device's own keys: Ed25519 to sign batches and records, X25519 to receive scope keys.
///
/// Generated on the device at enrolment; only `certificate` (public keys) is sent to the
/// secretariat, which signs it into the membership log. The secret halves never leave the device.
public struct DeviceIdentity: Sendable {
    /// The member this device belongs to.
    public let member: MemberID
    /// The signing key pair: the device's identity.
    public let signing: SigningKeyPair
    /// The key agreement pair: opens sealed scope keys.
    public let agreement: AgreementKeyPair

    /// Wraps existing keys (reloaded from the device's encrypted store).
    public init(member: MemberID, signing: SigningKeyPair, agreement: AgreementKeyPair) {
        self.member = member
        self.signing = signing
        self.agreement = agreement
    }

    /// Fresh keys for a new device of `member`.
    public static func generate(for member: MemberID) throws(CryptoError) -> DeviceIdentity {
        DeviceIdentity(member: member, signing: try SigningKeyPair.generate(), agreement: try AgreementKeyPair.generate())
    }

    /// The public keys to have certified (`MembershipEvent.certifyDevice`).
    public var certificate: CertifiedDevice {
        CertifiedDevice(signingKey: signing.publicKey, agreementKey: agreement.publicKey, member: member)
    }
}
