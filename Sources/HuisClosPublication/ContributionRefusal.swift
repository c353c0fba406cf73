public import HuisClosL10n

/// Why a contribution is refused: said to the visitor on the form (French, then English) and to a
/// second-circle device as the relay's answer.
public struct ContributionRefusal: HuisClosError, Equatable {
    /// Stable codes (Protocol/ERRORS.md).
    public enum Code: String, ErrorCode {
        /// No consultation with this identifier is announced.
        case unknownConsultation
        /// The consultation does not take contributions from this audience (e.g. the form of a second-circle consultation).
        case wrongAudience
        /// The closing date has passed, or the council closed it.
        case closed
        /// The contribution's text is empty.
        case textMissing
        /// A field is over its limit.
        case tooLong
        /// The e-mail address given does not look like one.
        case emailInvalid
        /// The anti-abuse puzzle is missing, stale, reused or not solved (and the no-script wait not over).
        case proofMissing
        /// This address sent too many contributions lately.
        case tooMany
        /// The consultation holds as many contributions as the relay keeps for one.
        case full
        /// The council's data takes its whole storage quota on the relay (`councilQuotaExceeded` for a device).
        case councilFull

        public static let domain = "contribution"

        public var text: Text {
            switch self {
            case .unknownConsultation:
                Text(fr: "aucune consultation ouverte ne porte cet identifiant : voyez la liste à l'accueil du site public",
                     en: "no open consultation has this identifier: see the list on the public site's home page")
            case .wrongAudience:
                Text(fr: "cette consultation est réservée au second cercle : ses membres contribuent depuis leur appareil",
                     en: "this consultation is for the second circle only: its members contribute from their devices")
            case .closed:
                Text(fr: "cette consultation est close : elle ne reçoit plus de contributions",
                     en: "this consultation is closed: it takes no more contributions")
            case .textMissing:
                Text(fr: "la contribution est vide : écrivez votre contribution dans le champ « Votre contribution »",
                     en: "the contribution is empty: write it in the field « Votre contribution »")
            case .tooLong:
                Text(fr: "la contribution dépasse \(ContributionLimits.textCharactersMax) caractères (ou le nom \(ContributionLimits.nameCharactersMax), l'adresse \(ContributionLimits.emailCharactersMax)) : raccourcissez-la",
                     en: "the contribution is over \(ContributionLimits.textCharactersMax) characters (or the name over \(ContributionLimits.nameCharactersMax), the address over \(ContributionLimits.emailCharactersMax)): shorten it")
            case .emailInvalid:
                Text(fr: "l'adresse électronique ne semble pas valable (exemple : prenom.nom@exemple.fr) : corrigez-la ou laissez le champ vide",
                     en: "the e-mail address does not look valid (e.g. name@example.org): correct it or leave the field empty")
            case .proofMissing:
                Text(fr: "l'envoi n'a pas passé la vérification anti-abus : rechargez la page du formulaire, puis envoyez à nouveau (sans JavaScript, attendez une minute avant d'envoyer)",
                     en: "the submission failed the anti-abuse check: reload the form's page, then send again (without JavaScript, wait one minute before sending)")
            case .tooMany:
                Text(fr: "trop de contributions viennent d'être envoyées depuis votre connexion : réessayez dans une heure",
                     en: "too many contributions were sent from your connection lately: try again in an hour")
            case .full:
                Text(fr: "cette consultation a reçu le nombre maximal de contributions que le serveur garde : écrivez au secrétariat du conseil",
                     en: "this consultation holds as many contributions as the server keeps: write to the council's secretariat")
            case .councilFull:
                Text(fr: "la consultation ne peut pas recevoir davantage de contributions pour le moment : l'espace du conseil sur le serveur est plein ; réessayez plus tard ou écrivez au secrétariat du conseil",
                     en: "the consultation cannot take more contributions now: the council's space on the server is full; try again later or write to the council's secretariat")
            }
        }

        public var exitStatus: ExitStatus { .dataRefused }

        public var httpStatus: Int? {
            switch self {
            case .unknownConsultation: 404
            case .wrongAudience: 403
            case .closed: 410
            case .textMissing, .emailInvalid, .proofMissing: 400
            case .tooLong: 413
            case .tooMany: 429
            case .full, .councilFull: 507
            }
        }
    }

    /// The kind of refusal.
    public let code: Code
    /// What happened and what to do, in both languages.
    public let text: Text

    /// The refusal `code` with its standard text.
    public init(_ code: Code) {
        self.code = code
        self.text = code.text
    }
}
