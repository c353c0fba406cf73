public import HuisClosL10n

/// Why a dossier operation failed; the message says what to do and never holds a key or content.
public struct DossierError: HuisClosError, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that branch on it.
    public enum Code: String, ErrorCode {
        /// The file is larger than `DossierLimits.fileBytesMax`.
        case tooLarge
        /// The downloaded file does not match the dossier record (altered, substituted or truncated).
        case integrity
        /// A record is missing or malformed.
        case notFound
        /// A name, identifier or argument is not acceptable.
        case invalidArgument
        /// The caller is not allowed to do this (e.g. only the president creates working groups).
        case forbidden
        /// The content of a version is not on this device yet and cannot be fetched now (offline,
        /// or not completely uploaded).
        case notFetched
        /// The avis is not in the state the operation needs (e.g. publishing before adoption).
        case wrongState
        /// A version sealed and kept on this device whose upload was cut (the relay unreachable):
        /// the next sync resumes it (`PendingUpload`).
        case uploadWaiting

        public static let domain = "dossier"

        public var text: Text {
            switch self {
            case .tooLarge:
                Text(fr: "le fichier ou le texte dépasse sa limite : découpez-le",
                     en: "the file or text is over its limit: split it")
            case .integrity:
                Text(fr: "le fichier reçu ne correspond pas au dossier enregistré (altéré, substitué ou tronqué) : rien n'a été gardé ; signalez-le au secrétariat",
                     en: "the file received does not match the recorded dossier (altered, substituted or truncated): nothing was kept; tell the secretariat")
            case .notFound:
                Text(fr: "ce qui est nommé n'est pas sur cet appareil : vérifiez l'identifiant, synchronisez, puis voyez huisclos dossiers liste",
                     en: "what is named is not on this device: check the identifier, sync, then see huisclos dossiers liste")
            case .invalidArgument:
                Text(fr: "un nom, un identifiant ou un argument ne convient pas : corrigez-le (voyez --help)",
                     en: "a name, identifier or argument is not acceptable: correct it (see --help)")
            case .forbidden:
                Text(fr: "vous n'avez pas le droit de faire ceci : adressez-vous à la présidence ou au secrétariat si c'est une erreur",
                     en: "you are not allowed to do this: ask the president or the secretariat if this is a mistake")
            case .notFetched:
                Text(fr: "le contenu de cette version n'est pas encore sur cet appareil : synchronisez une fois en ligne",
                     en: "the content of this version is not on this device yet: sync when online")
            case .wrongState:
                Text(fr: "l'avis n'est pas à l'état que demande cette action (par exemple publier avant l'adoption) : voyez huisclos avis liste",
                     en: "the avis is not in the state this action needs (e.g. publishing before adoption): see huisclos avis liste")
            case .uploadWaiting:
                Text(fr: "le dossier est gardé chiffré sur cet appareil et son envoi reprendra au prochain « huisclos sync », sans renvoyer ce que le serveur a déjà ; ne l'ajoutez pas de nouveau",
                     en: "the dossier is kept encrypted on this device and its upload resumes at the next 'huisclos sync', without resending what the server holds; do not add it again")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .integrity: .dataRefused
            case .forbidden: .notAllowed
            case .notFound, .invalidArgument, .wrongState, .tooLarge: .usage
            case .notFetched, .uploadWaiting: .unreachable
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do, in French and English.
    public let text: Text

    /// An error with `code` and a `text` in both languages that says what to do.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}
