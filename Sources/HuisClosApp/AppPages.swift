import Foundation
import HTTPTypes
import HuisClosClient
import HuisClosDevice
import HuisClosHTTPGuard
import HuisClosL10n
import Hummingbird
import Mustache
import NIOHTTP1

/// Renders the app's pages: a page's template inside the layout, in the request's language, with
/// the browser's CSRF token in every form. Holds no rule: what a page shows comes from the client
/// layer (`AppRoutes`).
struct AppPages: Sendable {
    /// The app's addresses.
    enum Path {
        static let entry = "/entree"
        static let home = "/"
        static let styleSheet = "/app.css"
        static let lock = "/verrouiller"
        static let sync = "/synchroniser"
        static let seances = "/seances"
        static let dossiers = "/dossiers"
        static let search = "/recherche"
        static let devices = "/appareils"
        /// The script drawing a PDF dossier's pages (`AppScripts.pdfReader`).
        static let pdfReader = "/app-pdf.js"
        /// pdf.js and its worker, from Debian's libjs-pdf (`PDFJS`).
        static let pdfJS = "/pdfjs/pdf.js"
        static let pdfWorker = "/pdfjs/pdf.worker.js"

        /// `path` when it is one of the app's own (starts with one `/`), else the home page: a
        /// form's return address or a link never sends the browser elsewhere (`//host` would, and
        /// so does `/\t/host`: browsers drop tabs and line breaks from an address, so no space or
        /// control character is kept either).
        static func local(_ path: String?) -> String {
            guard let path, path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"),
                  path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else { return home }
            return path
        }
    }

    private let library: MustacheLibrary

    init() throws { library = try AppTemplates.library() }

    /// A full page: `template` rendered with `model`, inside the layout (its header's search field
    /// holding `query`), `title` as its `<h1>`. Its `<title>` names the kind of page only
    /// (`kind(of:)`): browsers keep titles in their history, session files and sync, where a
    /// dossier's or séance's title must not go.
    func page(_ template: String, title: String, model: [String: Any], context: AppRequestContext, path: String,
              notices: [String] = [], problems: [String] = [], query: String = "", status: HTTPResponse.Status = .ok) -> Response {
        let language = context.language
        var model = model
        model["w"] = AppWords.all(in: language)
        model["csrf"] = context.csrf
        let content = library.render(model, withTemplate: template) ?? ""
        let navigation: [[String: Any]] = [("home", Path.home), ("seances", Path.seances), ("dossiers", Path.dossiers), ("devices", Path.devices)].map { name, href in
            ["href": href, "label": AppWords.word(name, language),
             "current": href == path || (href != Path.home && path.hasPrefix(href + "/"))]
        }
        return html(layout(kind: Self.kind(of: template, language), title: title, language: language, path: path, content: content,
                           nav: navigation, lockable: true,
                           styled: true, csrf: context.csrf, notices: notices, problems: problems, query: query), status: status)
    }

    /// The page shown while the app is locked: start `huisclos app` again in the terminal. It has
    /// no passphrase field: a page asking for the passphrase is never the app's.
    func locked(context: AppRequestContext) -> Response {
        let language = context.language
        let content = library.render(["w": AppWords.all(in: language)], withTemplate: "locked") ?? ""
        let title = AppWords.word("lockedTitle", language)
        return html(layout(kind: title, title: title, language: language, path: Path.home, content: content,
                           nav: [], lockable: false, styled: true, csrf: context.csrf, notices: [], problems: []),
                    status: .ok)
    }

    /// The last page, after the secretariat's wipe order (`wipe`) destroyed the device: the app stops.
    func wiped(_ wipe: DeviceError, context: AppRequestContext) -> Response {
        let language = context.language
        let model: [String: Any] = ["w": AppWords.all(in: language), "message": wipe.text.in(language)]
        let content = library.render(model, withTemplate: "wiped") ?? ""
        let title = AppWords.word("wipedTitle", language)
        return html(layout(kind: title, title: title, language: language, path: Path.home, content: content,
                           nav: [], lockable: false, styled: true, csrf: "", notices: [], problems: []),
                    status: .ok)
    }

    /// The page of a refusal or failure, with its HTTP status; a request without the session
    /// cookie or with another `Host` gets this page alone (no style sheet, no link into the app).
    func failure(_ error: any Error, language: Language) -> Response {
        let explained = ErrorExplanation.of(error)
        return html(failurePage(explained, language: language), status: Self.status(of: explained))
    }

    /// The answer to a request head that does not parse, written by the connection guard before
    /// any route runs: the refusal page in French (no request to read a language from), with the
    /// security headers, `431` for a head over the decoder's bounds.
    func malformed(oversized: Bool) -> HTTPRefusal {
        let page = failurePage(AppError(.malformedRequest), language: .french)
        let headers = [(name: "Content-Type", value: "text/html; charset=utf-8")] + AppGuard.securityHeaders.map { ($0.name.rawName, $0.value) }
        return HTTPRefusal(status: oversized ? .requestHeaderFieldsTooLarge : .badRequest, headers: headers, body: Array(page.utf8))
    }

    /// The page saying `explained`; an outsider's (no session cookie, another `Host`, a request
    /// that does not parse) has no style sheet and no link into the app.
    private func failurePage(_ explained: any HuisClosError, language: Language) -> String {
        let outsider = ["app.notAuthenticated", "app.wrongHost", "app.malformedRequest"].contains(explained.qualifiedCode)
        let model: [String: Any] = ["w": AppWords.all(in: language), "message": explained.report.in(language), "home": !outsider]
        let content = library.render(model, withTemplate: "failure") ?? ""
        let title = AppWords.word("refused", language)
        return layout(kind: title, title: title, language: language, path: Path.home, content: content,
                      nav: [], lockable: false, styled: !outsider, csrf: "", notices: [], problems: [])
    }

    /// The workflows' codes for something the address names that is not on this device: 404.
    static let missingCodes: Set<String> = ["dossier.notFound", "records.unknownSeance"]

    /// The HTTP status of a failure: the app's own refusals say theirs; a missing dossier or séance
    /// is 404; another workflow's follows its exit status.
    static func status(of error: any HuisClosError) -> HTTPResponse.Status {
        if let code = error.httpStatus { return HTTPResponse.Status(code: code) }
        if missingCodes.contains(error.qualifiedCode) { return .notFound }
        switch error.exitStatus {
        case .usage: return .badRequest
        case .notAllowed: return .forbidden
        case .dataRefused: return .unprocessableContent
        case .unreachable: return .serviceUnavailable
        default: return .internalServerError
        }
    }

    /// The `<title>` of a page rendered from `template`: the name of its screen (distinct per
    /// screen, as RGAA 8.6 asks), never what it shows. A new screen adds its name here (« Page » until then).
    static func kind(of template: String, _ language: Language) -> String {
        let kinds = ["home": "home", "seances": "seances", "seance": "seance", "dossiers": "dossiers", "dossier": "dossierPage", "search": "search", "devices": "devices"]
        return kinds[template].map { AppWords.word($0, language) } ?? "Page"
    }

    private func layout(kind: String, title: String, language: Language, path: String, content: String, nav: [[String: Any]], lockable: Bool,
                        styled: Bool, csrf: String, notices: [String], problems: [String], query: String = "") -> String {
        let other: Language = language == .english ? .french : .english
        let model: [String: Any] = [
            "lang": language.rawValue, "kind": kind, "title": title, "styled": styled, "w": AppWords.all(in: language), "nav": nav,
            "otherLanguage": other.rawValue, "otherLanguageName": other == .english ? "English" : "Français",
            "otherLanguageHref": Path.local(path) + "?lang=" + other.rawValue, "lockable": lockable, "csrf": csrf,
            "notices": notices, "problems": problems, "content": content, "query": query,
        ]
        return library.render(model, withTemplate: "layout") ?? ""
    }

    private func html(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The style sheet.
    static func styleSheet() -> Response {
        Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: AppTemplates.styleSheet)))
    }

    /// A `303 See Other` to `path` (after a form: reloading the page does not send it again).
    static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }
}
