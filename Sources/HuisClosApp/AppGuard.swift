import Foundation
import HTTPTypes
import HuisClosClient
import HuisClosCrypto
import HuisClosL10n
import Hummingbird

/// Every request to the local app passes here first: the `Host` must be the launch's own name and
/// port (other programs on 127.0.0.1, DNS rebinding), the launch secret is exchanged once for an
/// `HttpOnly; SameSite=Strict` host-only cookie, a request without that cookie gets a refusal page
/// and nothing else, every POST carries the page's CSRF token, a locked app shows the passphrase
/// page, and every response (refusals included) carries the security headers.
struct AppGuard: RouterMiddleware {
    typealias Context = AppRequestContext

    let vault: AppVault
    let address: AppAddress
    let pages: AppPages
    let defaultLanguage: Language

    /// The cookie holding the browser session.
    static let sessionCookie = "huisclos_session"
    /// The cookie remembering the page language chosen with `?lang=`.
    static let languageCookie = "huisclos_lang"
    /// The largest form the app reads (a passphrase, an answer): anything bigger is refused.
    static let formBytesMax = 64 * 1024

    /// Headers on every response: nothing loaded from elsewhere, scripts only from the app's own
    /// addresses (no inline script, no eval: pdf.js runs with `isEvalSupported: false`), its worker
    /// and fetch to the app alone, never framed, no referrer, nothing cached, no type sniffing.
    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("Referrer-Policy")!: "no-referrer",
        .cacheControl: "no-store",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("X-Frame-Options")!: "DENY",
    ]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let chosen = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) }
        context.language = chosen ?? request.cookies[Self.languageCookie].flatMap { Language(rawValue: $0.value) } ?? defaultLanguage
        var response: Response
        do {
            response = try await guarded(request, context: context, next: next)
        } catch let error as HTTPError where error.status == .notFound {
            response = pages.failure(AppError(.notFound), language: context.language)
        } catch {
            response = pages.failure(error, language: context.language)
        }
        for field in Self.securityHeaders { response.headers[field.name] = field.value }
        if let chosen {
            response.headers.append(HTTPField(name: .setCookie, value: "\(Self.languageCookie)=\(chosen.rawValue); Path=/; HttpOnly; SameSite=Strict"))
        }
        return response
    }

    private func guarded(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard address.accepts(authority: request.head.authority) else { throw AppError(.wrongHost) }
        if request.uri.path == AppPages.Path.entry {
            return try await exchange(secret: request.uri.queryParameters["cle"].map(String.init))
        }
        var context = context
        guard let cookie = request.cookies[Self.sessionCookie]?.value, let csrf = await vault.csrf(ofBrowser: cookie) else {
            throw AppError(.notAuthenticated)
        }
        context.csrf = csrf
        context.ownNavigation = FetchMetadata.isOwnNavigation(request.headers)
        var request = request
        var form: [String: String] = [:]
        if request.method == .post {
            guard FormBody.isForm(request.headers[.contentType]) else { throw AppError(.notAForm) }
            form = try await FormBody.read(&request, bytesMax: Self.formBytesMax)
            guard let sent = form["csrf"], Sodium.constantTimeEqual(Array(sent.utf8), Array(csrf.utf8)) else {
                throw AppError(.forgedRequest)
            }
            context.form = form
        }
        guard let session = try await vault.begin() else { return locked(request, context: context) }
        context.session = session
        do {
            let response = try await next(request, context)
            await vault.finish()
            return response
        } catch {
            await vault.finish()
            throw error
        }
    }

    /// The launch secret for a session cookie (once), then a redirect that takes the secret out of
    /// the address bar. The cookie has no `Domain`: it goes back to this launch's name alone.
    private func exchange(secret: String?) async throws -> Response {
        guard let secret, let cookie = try await vault.openBrowserSession(secret: secret) else { throw AppError(.notAuthenticated) }
        var response = Response(status: .seeOther, headers: [.location: AppPages.Path.home])
        response.headers.append(HTTPField(name: .setCookie, value: "\(Self.sessionCookie)=\(cookie); Path=/; HttpOnly; SameSite=Strict"))
        return response
    }

    /// While locked: the page saying to start `huisclos app` again in the terminal (any page), the
    /// style sheet; any form goes back to that page. No page ever asks the passphrase.
    private func locked(_ request: Request, context: Context) -> Response {
        switch (request.method, request.uri.path) {
        case (.get, AppPages.Path.styleSheet):
            return AppPages.styleSheet()
        case (.get, _):
            return pages.locked(context: context)
        default:
            return AppPages.redirect(to: AppPages.Path.home)
        }
    }
}

/// An `application/x-www-form-urlencoded` body read into fields (the last value of a repeated name).
enum FormBody {
    /// Reads `request`'s body (at most `bytesMax`) as a form.
    static func read(_ request: inout Request, bytesMax: Int) async throws -> [String: String] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: bytesMax)
        } catch {
            throw AppError(.invalidForm)
        }
        return parse(String(buffer: buffer))
    }

    /// True when `contentType` is `application/x-www-form-urlencoded` (parameters such as a
    /// charset allowed), what the app's forms send: a body of another type is not read at all.
    static func isForm(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let media = contentType.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        return media.trimmingCharacters(in: .whitespaces).lowercased() == "application/x-www-form-urlencoded"
    }

    /// The fields of `text` (`a=1&b=x+y`).
    static func parse(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String? { part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = parts.first.flatMap(decode) else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return fields
    }
}
