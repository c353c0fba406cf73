public import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// The secretariat's Ed25519 public key, pinned by every client at enrolment: the one key a
/// membership log is verified from.
///
/// The secret half is created when the council is set up and kept offline by the secretariat; it
/// signs the genesis record and certifies secretariat devices. A client given a log whose genesis
/// was not signed by its pinned root refuses the whole log.
public struct TrustRoot: Hashable, Sendable {
    /// The pinned key.
    public let publicKey: SigningPublicKey

    /// Pins `publicKey` (from the enrolment code or an earlier, trusted session).
    public init(pinning publicKey: SigningPublicKey) { self.publicKey = publicKey }

    /// Sets up a council with a fresh root key: returns the root key pair (to store offline) and the
    /// new log holding its genesis record.
    public static func establishCouncil(named name: String, at instant: Instant)
        throws(TrustError) -> (rootKey: SigningKeyPair, log: MembershipLog) {
        let rootKey: SigningKeyPair
        do {
            rootKey = try SigningKeyPair.generate()
        } catch {
            throw TrustError(.keyUnavailable, Text(fr: "impossible de créer la clé de la racine de confiance : \(error.text.french)",
                                             en: "could not generate the trust root key: \(error.text.english)"))
        }
        return (rootKey, try establishCouncil(named: name, rootKey: rootKey, at: instant))
    }

    /// Sets up a council with a given root key (a restored key, or the golden vectors' test key).
    public static func establishCouncil(named name: String, rootKey: SigningKeyPair, at instant: Instant)
        throws(TrustError) -> MembershipLog {
        let genesis = try MembershipRecord.sign(.genesis(rootKey: rootKey.publicKey, councilName: name), index: 0,
                                                previousHash: MembershipRecord.genesisHash, issuedAt: instant, signer: rootKey)
        return try MembershipLog(verifying: [genesis.encoded], root: TrustRoot(pinning: rootKey.publicKey), now: instant)
    }
}
