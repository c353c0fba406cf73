import HuisClosL10n

/// A request the local app refuses before any workflow runs: no session cookie, another `Host`
/// than the bound address, a form without its CSRF token, an unknown page or a form it cannot read.
public struct AppError: HuisClosError {
    /// The ways a request to the local app is refused.
    public enum Code: String, ErrorCode {
        /// No valid session cookie and no valid launch secret: another local user, or an old tab.
        case notAuthenticated
        /// The `Host` header is not the address the app is bound to (DNS rebinding).
        case wrongHost
        /// A state-changing request without the page's CSRF token.
        case forgedRequest
        /// No page at this address.
        case notFound
        /// A form field is missing or not one the page accepts.
        case invalidForm

        public static let domain = "app"

        public var text: Text {
            switch self {
            case .notAuthenticated:
                Text(fr: "accès refusé : ouvrez l'adresse complète (avec sa clé) que huisclos app a affichée dans le terminal",
                     en: "access refused: open the whole address (with its key) that huisclos app printed in the terminal")
            case .wrongHost:
                Text(fr: "adresse refusée : l'application ne répond qu'à l'adresse 127.0.0.1 affichée par huisclos app",
                     en: "address refused: the app answers only at the 127.0.0.1 address huisclos app printed")
            case .forgedRequest:
                Text(fr: "formulaire refusé : il ne vient pas d'une page de l'application ; rechargez la page et recommencez",
                     en: "form refused: it does not come from a page of the app; reload the page and try again")
            case .notFound:
                Text(fr: "page introuvable : revenez à l'accueil", en: "page not found: go back to the home page")
            case .invalidForm:
                Text(fr: "formulaire incomplet ou valeur non acceptée : rechargez la page et recommencez",
                     en: "form incomplete or value not accepted: reload the page and try again")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .notAuthenticated, .wrongHost, .forgedRequest: .notAllowed
            case .notFound: .dataRefused
            case .invalidForm: .usage
            }
        }

        public var httpStatus: Int? {
            switch self {
            case .notAuthenticated: 401
            case .wrongHost, .forgedRequest: 403
            case .notFound: 404
            case .invalidForm: 400
            }
        }
    }

    public let code: Code

    /// A refusal of kind `code`, said by the code's own text.
    public init(_ code: Code) { self.code = code }
}
