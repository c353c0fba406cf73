import HuisClosClient
import HuisClosL10n
public import Hummingbird

/// A request to the local app once its guard let it through: the page language, the browser's
/// CSRF token for the forms it renders, and the unlocked session (nil while locked).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// French unless `?lang=en` or the language cookie ask for English.
    var language: Language = .french
    /// Put in every form; the guard checks it on every POST.
    var csrf = ""
    /// The fields of a POST's form (read by the guard to check its CSRF token).
    var form: [String: String] = [:]
    /// True when the member opened this page (`FetchMetadata.isOwnNavigation`): only then does
    /// showing it record an acknowledgement.
    var ownNavigation = false
    /// The unlocked session; nil while the app is locked (the guard then shows the page that sends the member back to the terminal).
    var session: ClientSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// The unlocked session (the guard never lets a page run without one).
    func requireSession() throws -> ClientSession {
        guard let session else { throw AppError(.notAuthenticated) }
        return session
    }
}
