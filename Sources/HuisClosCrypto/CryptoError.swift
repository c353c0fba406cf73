public import HuisClosL10n

/// A failure of a cryptographic operation: what happened and what to do about it.
///
/// Messages never contain key material, plaintext or ciphertext.
public struct CryptoError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, ErrorCode {
        /// libsodium could not be initialised (no entropy source?).
        case sodiumUnavailable
        /// Authentication failed: wrong key, or data tampered with or truncated.
        case authenticationFailed
        /// A signature did not verify against the claimed public key.
        case badSignature
        /// An input had the wrong length for the pinned algorithm.
        case invalidLength
        /// Secure memory could not be allocated.
        case outOfSecureMemory
        /// Key derivation failed (usually: not enough memory for the Argon2id limits).
        case keyDerivationFailed
        /// A stream ended without its final chunk: it was truncated, so its end cannot be trusted.
        case streamIncomplete

        public static let domain = "crypto"

        public var text: Text {
            switch self {
            case .sodiumUnavailable:
                Text(fr: "la bibliothèque de chiffrement (libsodium) ne peut pas démarrer : vérifiez que libsodium est installé et que le système fournit de l'aléa",
                     en: "the encryption library (libsodium) cannot start: check that libsodium is installed and the system provides randomness")
            case .authenticationFailed:
                Text(fr: "des données chiffrées ne s'authentifient pas (mauvaise clé, ou données modifiées ou tronquées) : rien n'a été lu ; ne vous fiez pas à cette copie",
                     en: "encrypted data fails authentication (wrong key, or data modified or truncated): nothing was read; do not trust this copy")
            case .badSignature:
                Text(fr: "une signature ne se vérifie pas avec la clé qui la revendique : les données sont refusées",
                     en: "a signature does not verify against the key that claims it: the data is refused")
            case .invalidLength:
                Text(fr: "une clé ou une donnée chiffrée n'a pas la longueur attendue : elle est refusée",
                     en: "a key or encrypted value has the wrong length: it is refused")
            case .outOfSecureMemory:
                Text(fr: "la mémoire protégée pour les clés est épuisée : fermez d'autres programmes, puis réessayez",
                     en: "the protected memory for keys is used up: close other programs, then try again")
            case .keyDerivationFailed:
                Text(fr: "la dérivation de la clé depuis la phrase de passe a échoué (mémoire insuffisante pour Argon2id) : libérez de la mémoire, puis réessayez",
                     en: "deriving the key from the passphrase failed (not enough memory for Argon2id): free some memory, then try again")
            case .streamIncomplete:
                Text(fr: "un fichier chiffré s'arrête avant sa fin : il a été tronqué ; téléchargez-le de nouveau",
                     en: "an encrypted file ends before its final part: it was truncated; download it again")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .sodiumUnavailable, .outOfSecureMemory, .keyDerivationFailed: .localIO
            case .authenticationFailed, .badSignature, .invalidLength, .streamIncomplete: .dataRefused
            }
        }
    }

    public let code: Code
    /// What happened and what to do, in both languages (never key material or content).
    public let text: Text

    /// An error with `code` and a `text` in both languages.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}
