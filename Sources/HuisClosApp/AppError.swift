public import HuisClosL10n

/// A request the local app refuses before any workflow runs (no session cookie, another `Host`
/// than the launch's own name, a form without its CSRF token, an unknown page, a form it cannot
/// read, a request that does not parse), or an app that cannot start safely (its port taken on a
/// loopback address by another program).
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
        /// A request head that does not parse, or longer than the app reads, or that a browser never
        /// sends (several `Host` headers, another authority in the target): answered before any page.
        case malformedRequest
        /// A POST whose body is not a form (`application/x-www-form-urlencoded`), the only kind the app reads.
        case notAForm
        /// Another program holds the app's port on 127.0.0.1 or ::1: a browser could reach it
        /// under the app's name, so the app does not start.
        case loopbackTaken
        /// `--installer-raccourci`: neither `XDG_DATA_HOME` nor `HOME` names the folder of desktop entries.
        case desktopFolderUnknown
        /// `--installer-raccourci`: the desktop entry could not be written.
        case desktopEntryNotWritten

        public static let domain = "app"

        public var text: Text {
            switch self {
            case .notAuthenticated:
                Text(fr: "accès refusé : ouvrez l'adresse complète (avec sa clé) que huisclos app a affichée dans le terminal",
                     en: "access refused: open the whole address (with its key) that huisclos app printed in the terminal")
            case .wrongHost:
                Text(fr: "adresse refusée : l'application ne répond qu'à l'adresse en .localhost que huisclos app a affichée (ni 127.0.0.1, ni localhost)",
                     en: "address refused: the app answers only at the .localhost address huisclos app printed (not 127.0.0.1, not localhost)")
            case .forgedRequest:
                Text(fr: "formulaire refusé : il ne vient pas d'une page de l'application ; rechargez la page et recommencez",
                     en: "form refused: it does not come from a page of the app; reload the page and try again")
            case .notFound:
                Text(fr: "page introuvable : revenez à l'accueil", en: "page not found: go back to the home page")
            case .invalidForm:
                Text(fr: "formulaire incomplet ou valeur non acceptée : rechargez la page et recommencez",
                     en: "form incomplete or value not accepted: reload the page and try again")
            case .malformedRequest:
                Text(fr: "requête refusée : ce n'est pas du HTTP/1.1 valide, ou son en-tête est trop long ; rechargez la page",
                     en: "request refused: it is not valid HTTP/1.1, or its head is too long; reload the page")
            case .notAForm:
                Text(fr: "envoi refusé : l'application ne lit que les formulaires de ses pages (application/x-www-form-urlencoded) ; rechargez la page et recommencez",
                     en: "request refused: the app reads only its pages' forms (application/x-www-form-urlencoded); reload the page and try again")
            case .loopbackTaken:
                Text(fr: "le port de l'application est déjà pris sur 127.0.0.1 ou ::1 par un autre programme, qui pourrait recevoir vos pages : relancez huisclos app sans --port (un port libre sera choisi) ; si cela se répète, un autre utilisateur de la machine occupe ces ports",
                     en: "the app's port is already taken on 127.0.0.1 or ::1 by another program, which could receive your pages: start huisclos app again without --port (a free port is chosen); if this happens again, another user of this machine is holding these ports")
            case .desktopFolderUnknown:
                Text(fr: "dossier des raccourcis introuvable : ni XDG_DATA_HOME ni HOME ne désignent un dossier absolu ; définissez HOME et recommencez",
                     en: "shortcut folder unknown: neither XDG_DATA_HOME nor HOME names an absolute folder; set HOME and try again")
            case .desktopEntryNotWritten:
                Text(fr: "le raccourci du menu n'a pas pu être écrit : vérifiez le dossier ~/.local/share/applications, sa place libre et ses droits",
                     en: "the menu shortcut could not be written: check the folder ~/.local/share/applications, its free space and its permissions")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .notAuthenticated, .wrongHost, .forgedRequest: .notAllowed
            case .notFound: .dataRefused
            case .invalidForm, .malformedRequest, .notAForm, .desktopFolderUnknown: .usage
            case .loopbackTaken, .desktopEntryNotWritten: .localIO
            }
        }

        public var httpStatus: Int? {
            switch self {
            case .notAuthenticated: 401
            case .wrongHost, .forgedRequest: 403
            case .notFound: 404
            case .invalidForm, .malformedRequest: 400
            case .notAForm: 415
            case .loopbackTaken, .desktopFolderUnknown, .desktopEntryNotWritten: nil
            }
        }
    }

    public let code: Code

    /// A refusal of kind `code`, said by the code's own text.
    public init(_ code: Code) { self.code = code }
}
