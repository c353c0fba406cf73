public import HuisClosL10n

/// Why a time-stamp could not be obtained or is not believed, in French and English.
public struct TimestampError: HuisClosError, CodeEquatable, CustomStringConvertible {
    public enum Code: String, ErrorCode {
        /// No time-stamping authority is configured for the council.
        case notConfigured
        /// The configured root certificate cannot be read.
        case badRoot
        /// The authority cannot be reached, or answered out of the protocol.
        case unreachable
        /// The authority refused the request (its PKIStatus).
        case refused
        /// The token or the answer is not an RFC 3161 structure we can read.
        case malformed
        /// The token covers another hash than the record's.
        case otherHash
        /// The token's signature or signed attributes do not hold.
        case forged
        /// The signer does not chain to the council's TSA root, or may not time-stamp.
        case untrustedAuthority
        /// The record no longer says what was time-stamped.
        case recordChanged
        /// Nothing of the séance was time-stamped yet.
        case nothingStamped
        /// The statement's lines do not name the record it is kept under.
        case statementMismatch
        /// The records hold no event the statement tells of.
        case noRecord
        /// An earlier revision of the convocation: the token may hold, the content cannot be compared.
        case earlierRevision

        public static let domain = "timestamp"

        public var text: Text {
            switch self {
            case .notConfigured:
                Text(fr: "aucune autorité d'horodatage n'est configurée : huisclos horodatage configurer --url … --racine racine.pem",
                     en: "no time-stamping authority is configured: huisclos horodatage configurer --url … --racine root.pem")
            case .badRoot:
                Text(fr: "le certificat racine de l'autorité d'horodatage est illisible : donnez un fichier PEM (BEGIN CERTIFICATE)",
                     en: "the time-stamping authority's root certificate cannot be read: give a PEM file (BEGIN CERTIFICATE)")
            case .unreachable:
                Text(fr: "l'autorité d'horodatage est injoignable ou répond hors protocole : vérifiez son adresse et le réseau, puis relancez huisclos seances horodater",
                     en: "the time-stamping authority cannot be reached or answers out of protocol: check its address and the network, then run huisclos seances horodater again")
            case .refused:
                Text(fr: "l'autorité d'horodatage refuse la demande : relancez plus tard ou voyez son exploitant",
                     en: "the time-stamping authority refuses the request: try again later or see its operator")
            case .malformed:
                Text(fr: "le jeton d'horodatage est illisible (pas une structure RFC 3161) : il ne prouve rien ; obtenez-en un nouveau",
                     en: "the time-stamp token cannot be read (not an RFC 3161 structure): it proves nothing; obtain a new one")
            case .otherHash:
                Text(fr: "le jeton d'horodatage porte sur une autre empreinte que celle de l'enregistrement : il ne le prouve pas",
                     en: "the time-stamp token covers another hash than the record's: it does not prove it")
            case .forged:
                Text(fr: "la signature du jeton d'horodatage ne tient pas (jeton altéré ou contrefait) : il ne prouve rien",
                     en: "the time-stamp token's signature does not hold (altered or forged token): it proves nothing")
            case .untrustedAuthority:
                Text(fr: "le jeton n'est pas signé par une autorité d'horodatage rattachée à la racine configurée du conseil (ou son certificat n'est pas valide à cette date, ou pas réservé à l'horodatage)",
                     en: "the token is not signed by a time-stamping authority chained to the council's configured root (or its certificate is not valid at that time, or not limited to time-stamping)")
            case .recordChanged:
                Text(fr: "l'enregistrement ne dit plus ce qui a été horodaté : il a changé depuis (ou a été altéré)",
                     en: "the record no longer says what was time-stamped: it changed since (or was altered)")
            case .statementMismatch:
                Text(fr: "le texte horodaté ne désigne pas l'enregistrement sous lequel il est gardé (conseil, séance, objet, appareil ou version) : il ne prouve rien de cet enregistrement",
                     en: "the time-stamped text does not name the record it is kept under (council, séance, subject, device or version): it proves nothing of that record")
            case .noRecord:
                Text(fr: "aucun enregistrement ne correspond au texte horodaté (accusé de cet appareil pour cette version, ou version de la convocation) : déclaration refusée, peut-être fabriquée",
                     en: "no record matches the time-stamped text (an acknowledgement of that device for that version, or a version of the convocation): statement refused, perhaps made up")
            case .earlierRevision:
                Text(fr: "version antérieure de la convocation : les registres ne gardent que la version en cours, ce texte n'y est pas comparable (le jeton seul est vérifié)",
                     en: "an earlier version of the convocation: the records keep only the current version, this text cannot be compared with them (only the token is checked)")
            case .nothingStamped:
                Text(fr: "rien n'est encore horodaté pour cette séance : huisclos seances horodater ID (secrétariat), puis huisclos sync",
                     en: "nothing is time-stamped for this séance yet: huisclos seances horodater ID (secretariat), then huisclos sync")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .notConfigured, .badRoot, .nothingStamped: .usage
            case .unreachable, .refused: .unreachable
            case .malformed, .otherHash, .forged, .untrustedAuthority, .recordChanged, .statementMismatch, .noRecord, .earlierRevision: .dataRefused
            }
        }
    }

    public let code: Code
    public let text: Text

    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }

    /// The code's own sentence, with `detail` in parentheses, in both languages.
    init(_ code: Code, detail: Text) {
        self.init(code, Text(fr: "\(code.text.french) (\(detail.french))", en: "\(code.text.english) (\(detail.english))"))
    }

    static func malformed(_ detail: Text) -> TimestampError { TimestampError(.malformed, detail: detail) }
    static func forged(_ detail: Text) -> TimestampError { TimestampError(.forged, detail: detail) }
    static func badRoot(_ detail: Text) -> TimestampError { TimestampError(.badRoot, detail: detail) }
    /// A structure the DER, CMS or certificate library refused: its words for the English reader only.
    static func refusedByLibrary(_ error: any Error) -> Text {
        Text(fr: "refusé par la bibliothèque de décodage", en: String(describing: error))
    }
    static let otherHash = TimestampError(.otherHash, Code.otherHash.text)
    static func untrustedAuthority(_ signer: String) -> TimestampError {
        TimestampError(.untrustedAuthority, Text(fr: "\(Code.untrustedAuthority.text.french) ; signataire : \(signer)",
                                                 en: "\(Code.untrustedAuthority.text.english); signer: \(signer)"))
    }
}
