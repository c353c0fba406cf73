public import HuisClosL10n
import HuisClosProtocol

/// A trust decision that went against the input: what was refused and what to do.
///
/// Messages name records, scopes and epochs but never contain key material or plaintext.
public struct TrustError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, ErrorCode {
        /// The bytes are not the canonical encoding (short, trailing data, unknown value).
        case malformed
        /// A length or count exceeds its limit in `TrustLimits`.
        case tooLarge
        /// A signature does not verify against the key that claims it.
        case badSignature
        /// A record's index or previous hash does not follow the log's head (reordered, dropped, forked).
        case brokenChain
        /// The log does not start from the pinned trust root.
        case untrustedRoot
        /// A record is dated further ahead of this device's clock than `TrustLimits.recordClockSkewSecondsMax`.
        case notYetValid
        /// The signer used up its records for the day, or the log's room left is reserved for the
        /// secretariat and the root (`TrustLimits`): a flood is refused, a revocation still fits.
        case quotaExceeded
        /// The signer is not allowed to sign this record or issue this key (see `Protocol/TRUST.md`).
        case notAuthorised
        /// The record contradicts the log so far (unknown member, duplicate device, epoch out of turn…).
        case invalidTransition
        /// A sealed key is addressed to another device.
        case misaddressed
        /// A key does not match its commitment, or the commitment differs from the membership log's.
        case commitmentMismatch
        /// No key is held for this scope and epoch (not received yet, or never entitled).
        case keyUnavailable
        /// Writing with an epoch older than the newest one seen: the scope was rotated.
        case staleEpoch
        /// Ciphertext did not open: wrong key, or moved between scopes, epochs, devices or sequences.
        case decryptionFailed

        public static let domain = "trust"

        public var text: Text {
            switch self {
            case .malformed:
                Text(fr: "un enregistrement du registre signé ou une clé reçue est mal formé : il est refusé et rien n'a changé",
                     en: "a signed log record or a key received is malformed: it is refused and nothing changed")
            case .tooLarge:
                Text(fr: "un enregistrement du registre signé ou une clé dépasse sa limite : il est refusé",
                     en: "a signed log record or a key is over its limit: it is refused")
            case .badSignature:
                Text(fr: "une signature du registre signé ne se vérifie pas : l'enregistrement est refusé ; signalez-le au secrétariat",
                     en: "a signature in the signed log does not verify: the record is refused; tell the secretariat")
            case .brokenChain:
                Text(fr: "le registre signé reçu ne suit pas celui de cet appareil (enregistrement manquant, déplacé ou divergent) : il est refusé ; signalez-le au secrétariat",
                     en: "the signed log received does not follow this device's (a record missing, moved or diverging): it is refused; tell the secretariat")
            case .untrustedRoot:
                Text(fr: "le registre signé ne part pas de la racine de confiance de ce conseil : il est refusé ; vérifiez l'adresse du serveur et l'empreinte de la racine",
                     en: "the signed log does not start from this council's trust root: it is refused; check the server address and the root's fingerprint")
            case .notYetValid:
                Text(fr: "un enregistrement est daté dans le futur pour cet appareil : vérifiez l'heure de cet appareil, puis synchronisez de nouveau",
                     en: "a record is dated in the future for this device: check this device's time, then sync again")
            case .quotaExceeded:
                Text(fr: "le quota d'enregistrements du registre signé est atteint (pour aujourd'hui, ou la place restante est réservée au secrétariat) : réessayez demain ou adressez-vous au secrétariat",
                     en: "the signed log's record quota is used up (for today, or the room left is kept for the secretariat): try again tomorrow or ask the secretariat")
            case .notAuthorised:
                Text(fr: "le registre signé ne permet pas ceci à cet appareil ou à ce membre : rien n'a été signé ; adressez-vous au secrétariat si c'est une erreur",
                     en: "the signed log does not allow this device or member to do this: nothing was signed; ask the secretariat if this is a mistake")
            case .invalidTransition:
                Text(fr: "l'enregistrement contredit le registre signé (membre inconnu, appareil déjà inscrit, mandat qui ne convient pas…) : rien n'a été signé ; vérifiez avec huisclos membres liste",
                     en: "the record contradicts the signed log (unknown member, device already listed, a mandate that does not fit…): nothing was signed; check with huisclos membres liste")
            case .misaddressed:
                Text(fr: "une clé reçue est adressée à un autre appareil : elle est refusée",
                     en: "a key received is addressed to another device: it is refused")
            case .commitmentMismatch:
                Text(fr: "une clé reçue ne correspond pas à celle que le registre signé annonce : elle est refusée ; signalez-le au secrétariat",
                     en: "a key received does not match the one the signed log announces: it is refused; tell the secretariat")
            case .keyUnavailable:
                Text(fr: "la clé de cette portée n'est pas sur cet appareil (pas encore reçue, ou pas d'accès) : synchronisez, puis réessayez",
                     en: "this scope's key is not on this device (not received yet, or no access): sync, then try again")
            case .staleEpoch:
                Text(fr: "la clé de cette portée a été renouvelée : synchronisez pour recevoir la nouvelle, puis réessayez",
                     en: "this scope's key was renewed: sync to receive the new one, then try again")
            case .decryptionFailed:
                Text(fr: "un contenu chiffré ne s'ouvre pas avec la clé de sa portée (mauvaise clé, ou contenu déplacé ou altéré) : il est refusé",
                     en: "encrypted content does not open with its scope's key (wrong key, or content moved or altered): it is refused")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .quotaExceeded, .notAuthorised, .keyUnavailable: .notAllowed
            case .malformed, .tooLarge, .badSignature, .brokenChain, .untrustedRoot, .notYetValid, .invalidTransition,
                 .misaddressed, .commitmentMismatch, .staleEpoch, .decryptionFailed: .dataRefused
            }
        }
    }

    /// What went wrong, for code.
    public let code: Code
    /// What went wrong and what to do, in both languages.
    public let text: Text

    /// An error that says no more than its code's sentence (and matches any error of that code).
    public init(_ code: Code) {
        self.init(code, code.text)
    }

    /// An error with its code and a `text` in both languages.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }

    /// A decoding failure of the canonical encoding, keeping its explanation.
    init(_ wire: WireError, in what: Text) {
        self.init(wire.code == .tooLarge ? .tooLarge : .malformed,
                  Text(fr: "\(what.french) : \(wire.text.french)", en: "\(what.english): \(wire.text.english)"))
    }
}
