import AsyncHTTPClient
import Foundation
import HuisClosApp
import HuisClosClient
import HuisClosCouncil
import HuisClosDevice
import HuisClosTestSupport
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

/// `huisclos app` driven over HTTP on loopback, as a browser does, over a member's real device on
/// a real relay (`ClientCouncil`); the idle lock is passed by moving the manual clock.
@Suite(.tags(.slow)) struct LocalAppTests {
    @Test func aRequestWithoutTheLaunchSecretsCookieOrFromAnotherHostOrWithoutItsCSRFTokenGetsNothing() async throws {
        try await LocalAppCouncil.with("app-guard") { council, app, entry, browser in
            let base = entry.base
            // No cookie, a wrong secret: the refusal page alone, with the security headers.
            for path in ["/", "/seances", "/seances/s1", "/dossiers", "/app.css", "/entree?cle=" + String(repeating: "0", count: 64), "/entree"] {
                let answer = try await browser.send(.GET, base + path)
                #expect(answer.status == 401, "\(path): \(answer.status)")
                #expect(!answer.body.contains("Budget 2027") && !answer.body.contains("Bobigny") && !answer.body.contains("s1"), "\(path) leaks")
                #expect(answer.headers["set-cookie"].isEmpty, "\(path) gave a cookie")
                answer.expectSecurityHeaders(path)
            }
            // The secret is exchanged for an HttpOnly, SameSite=Strict cookie and leaves the address bar.
            let exchanged = try await browser.send(.GET, entry.url)
            #expect(exchanged.status == 303 && exchanged.headers.first(name: "location") == "/")
            let setCookie = try #require(exchanged.headers.first(name: "set-cookie"))
            #expect(setCookie.hasPrefix("huisclos_session=") && setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            #expect(!setCookie.contains(entry.secret), "the cookie is not the launch secret")
            exchanged.expectSecurityHeaders("exchange")
            let cookie = String(setCookie.prefix { $0 != ";" })
            let home = try await browser.send(.GET, base + "/", cookie: cookie)
            #expect(home.status == 200 && home.body.contains("Accueil") && home.body.contains("s1"))
            home.expectSecurityHeaders("/")
            #expect(try await browser.send(.GET, base + "/", cookie: "huisclos_session=" + String(repeating: "a", count: 64)).status == 401)
            // DNS rebinding: the right cookie under another Host name is refused.
            let port = try #require(URL(string: base)?.port)
            for host in ["evil.example:\(port)", "127.0.0.1", "127.0.0.1:\(port + 1)", "localhost.evil.example:\(port)"] {
                let answer = try await browser.send(.GET, base + "/seances", cookie: cookie, host: host)
                #expect(answer.status == 403 && !answer.body.contains("Bobigny"), "Host \(host): \(answer.status)")
                answer.expectSecurityHeaders("Host \(host)")
            }
            #expect(try await browser.send(.GET, base + "/", cookie: cookie, host: "localhost:\(port)").status == 200)
            // A POST without the page's CSRF token, or with another one, changes nothing.
            let csrf = try #require(home.csrf)
            for token in [nil, String(repeating: "0", count: 64)] {
                var form = ["reponse": "excused"]
                form["csrf"] = token
                let answer = try await browser.send(.POST, base + "/seances/s1/reponse", cookie: cookie, form: form)
                #expect(answer.status == 403, "csrf \(token ?? "none"): \(answer.status)")
                answer.expectSecurityHeaders("forged POST")
            }
            #expect(try await council.memberAnswer() == nil, "a forged form recorded an answer")
            let answered = try await browser.send(.POST, base + "/seances/s1/reponse", cookie: cookie, form: ["reponse": "excused", "csrf": csrf])
            #expect(answered.status == 303)
            #expect(try await council.memberAnswer() == .excused)
            let missing = try await browser.send(.GET, base + "/nulle-part", cookie: cookie)
            #expect(missing.status == 404)
            missing.expectSecurityHeaders("404")
            #expect(await app.isUnlocked)
        }
    }

    @Test func theScreensShowSeancesAnswersAndDossiersWithEverythingEscaped() async throws {
        try await LocalAppCouncil.with("app-screens") { council, _, entry, browser in
            let base = entry.base
            let cookie = try await browser.enter(entry)
            let seances = try await browser.send(.GET, base + "/seances", cookie: cookie)
            #expect(seances.status == 200 && seances.body.contains("Bobigny, salle du conseil") && seances.body.contains("href=\"/seances/s1\""))
            #expect(seances.body.contains("<html lang=\"fr\">") && seances.body.contains("pas de réponse"))
            #expect(try await council.acknowledged(reading: false), "listing the séances acknowledges receipt")
            #expect(try await !council.acknowledged(reading: true))
            let convocation = try await browser.send(.GET, base + "/seances/s1", cookie: cookie)
            #expect(convocation.status == 200 && convocation.body.contains("Budget 2027") && convocation.body.contains("href=\"/dossiers/council/cadrage\""))
            #expect(try await council.acknowledged(reading: true), "opening the convocation acknowledges reading it")
            let csrf = try #require(convocation.csrf)
            let answered = try await browser.send(.POST, base + "/seances/s1/reponse", cookie: cookie, form: ["reponse": "willAttend", "csrf": csrf])
            #expect(answered.status == 303 && answered.headers.first(name: "location") == "/seances/s1?enregistre=1")
            let after = try await browser.send(.GET, base + "/seances/s1?enregistre=1", cookie: cookie)
            #expect(after.body.contains("Réponse enregistrée") && after.body.contains("value=\"willAttend\" checked"))
            #expect(try await council.memberAnswer() == .willAttend)
            #expect(try await browser.send(.POST, base + "/seances/s1/reponse", cookie: cookie, form: ["reponse": "proxy", "csrf": csrf]).status == 400)

            let home = try await browser.send(.GET, base + "/", cookie: cookie)
            #expect(home.body.contains("Note de cadrage"), "the unread version is new on the home page")
            let dossiers = try await browser.send(.GET, base + "/dossiers", cookie: cookie)
            #expect(dossiers.status == 200 && dossiers.body.contains("Note de cadrage") && dossiers.body.contains("cadrage.md"))
            let reading = try await browser.send(.GET, base + "/dossiers/council/cadrage", cookie: cookie)
            #expect(reading.status == 200)
            #expect(reading.body.contains("<h2>Cadrage</h2>") && reading.body.contains("<strong>important</strong>") && reading.body.contains("<li>un</li>"))
            #expect(reading.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !reading.body.contains("<script"), "the dossier's markup is escaped")
            #expect(!reading.body.contains("<img"), "an image in the dossier is not loaded")
            #expect(reading.body.contains("en clair"), "the download carries the plaintext warning")
            let download = try await browser.send(.GET, base + "/dossiers/council/cadrage/telecharger?version=1", cookie: cookie)
            #expect(download.status == 200 && download.body == LocalAppCouncil.markdown)
            #expect(download.headers.first(name: "content-disposition")?.hasPrefix("attachment; filename=\"cadrage.md\"") == true)
            download.expectSecurityHeaders("download")
            #expect(!(try await browser.send(.GET, base + "/", cookie: cookie)).body.contains("Note de cadrage — "), "read: no longer new")
            let absent = try await browser.send(.GET, base + "/dossiers/council/absent", cookie: cookie)
            #expect(absent.status == 400 && absent.body.contains("Erreur (dossier.notFound)"), "\(absent.status)")

            let english = try await browser.send(.GET, base + "/seances?lang=en", cookie: cookie)
            #expect(english.body.contains("<html lang=\"en\">") && english.body.contains("My answer") && english.body.contains("will attend"))
            #expect(english.headers["set-cookie"].contains { $0.hasPrefix("huisclos_lang=en") && $0.contains("SameSite=Strict") })
            let remembered = try await browser.send(.GET, base + "/dossiers", cookie: cookie + "; huisclos_lang=en")
            #expect(remembered.body.contains("<html lang=\"en\">"))

            // « Synchroniser » syncs everything and says so on the home page; with the relay stopped,
            // every page still reads the replica and the sync's failure is shown, not thrown.
            #expect(try await browser.send(.POST, base + "/synchroniser", cookie: cookie, form: ["csrf": csrf]).status == 303)
            let synced = try await browser.send(.GET, base + "/", cookie: cookie)
            #expect(synced.body.contains("Dernière synchronisation depuis l&#39;application") && !synced.body.contains("role=\"alert\""))
            await council.base.server.stop()
            for (path, text) in [("/seances/s1", "Budget 2027"), ("/dossiers/council/cadrage", "<strong>important</strong>"), ("/", "s1")] {
                let offline = try await browser.send(.GET, base + path, cookie: cookie)
                #expect(offline.status == 200 && offline.body.contains(text), "offline \(path): \(offline.status)")
            }
            #expect(try await browser.send(.POST, base + "/synchroniser", cookie: cookie, form: ["csrf": csrf]).status == 303)
            let unreachable = try await browser.send(.GET, base + "/", cookie: cookie)
            #expect(unreachable.status == 200 && unreachable.body.contains("role=\"alert\">Erreur ("), "the failed sync is shown")
        }
    }

    @Test func afterTheIdleTimeTheDeviceIsClosedAndThePageAsksThePassphraseAgain() async throws {
        try await LocalAppCouncil.with("app-idle", idleMinutes: 10) { council, app, entry, browser in
            let base = entry.base
            let cookie = try await browser.enter(entry)
            council.clock.advance(seconds: 9 * 60)
            #expect(try await browser.send(.GET, base + "/seances", cookie: cookie).body.contains("Bobigny"), "9 minutes: still open")
            council.clock.advance(seconds: 9 * 60)
            #expect(await app.isUnlocked, "a request 9 minutes after the last keeps it open")
            council.clock.advance(seconds: 10 * 60 + 1)
            let locked = try await browser.send(.GET, base + "/seances", cookie: cookie)
            #expect(locked.status == 200 && locked.body.contains("type=\"password\"") && !locked.body.contains("Bobigny"))
            #expect(await !app.isUnlocked, "the device is closed")
            let csrf = try #require(locked.csrf)
            let wrong = try await browser.send(.POST, base + "/deverrouiller", cookie: cookie,
                                               form: ["phrase": "pas la bonne", "retour": "/seances", "csrf": csrf])
            #expect(wrong.status == 401 && wrong.body.contains("Erreur (") && wrong.body.contains("type=\"password\""), "\(wrong.status)")
            #expect(await !app.isUnlocked)
            #expect(try await browser.send(.POST, base + "/deverrouiller", cookie: cookie,
                                           form: ["phrase": ClientCouncil.passphrase, "retour": "/seances"]).status == 403, "no CSRF token")
            let right = try await browser.send(.POST, base + "/deverrouiller", cookie: cookie,
                                               form: ["phrase": ClientCouncil.passphrase, "retour": "/seances", "csrf": csrf])
            #expect(right.status == 303 && right.headers.first(name: "location") == "/seances")
            #expect(try await browser.send(.GET, base + "/seances", cookie: cookie).body.contains("Bobigny"))
            // Locking by hand does the same at once.
            #expect(try await browser.send(.POST, base + "/verrouiller", cookie: cookie, form: ["csrf": csrf]).status == 303)
            #expect(await !app.isUnlocked)
        }
    }
}

/// A council on a relay with a séance convened, its agenda and a Markdown dossier, and the app
/// serving a member's device.
struct LocalAppCouncil {
    static let markdown = "# Cadrage\n\nTexte **important** <script>alert(1)</script> ![x](http://evil.example/x.png)\n\n- un\n- deux\n"

    let base: ClientCouncil
    /// The member whose device the app serves, on the same clock.
    let member: ClientSession
    var clock: ManualClock { base.clock }

    /// The member's answer to séance s1, as the member's replica holds it.
    func memberAnswer() async throws -> Seance.Response? {
        try member.device.council.seance("s1").responses[member.device.member.hex]
    }

    /// True when the member's device acknowledged receipt (or reading) of s1.
    func acknowledged(reading: Bool) async throws -> Bool {
        try member.device.council.acknowledgements(of: "s1").contains { reading ? $0.readMs != nil : $0.receivedMs != nil }
    }

    /// Runs `body` with the app started over the member's device, then stops it.
    static func with(_ name: String, idleMinutes: Int = 15,
                     _ body: (LocalAppCouncil, LocalApp, AppEntry, AppBrowser) async throws -> Void) async throws {
        let clock = ManualClock()
        try await TestServer.with(name, configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let secretariat = council.secretariat
            let device = try await council.enrol("alice")
            _ = try await secretariat.addDossierVersion(file: try council.file("cadrage.md", markdown), scope: .council, id: "cadrage",
                                                        title: "Note de cadrage", attachedTo: "s1")
            let records = try await secretariat.councilSession()
            let day = try #require(Day(unixSeconds: clock.unixSeconds + 30 * 86_400))
            _ = try await records.convene("s1", on: day, from: TimeOfDay(hour: 14, minute: 0)!, to: nil, place: "Bobigny, salle du conseil", urgent: false)
            _ = try await records.addAgendaItem("p1", to: "s1", title: "Budget 2027", dossiers: ["cadrage"])
            _ = try await secretariat.device.sync()
            let member = ClientSession(device: device, clock: clock)
            try await member.syncEverything(policy: .everything)
            let app = try LocalApp(session: member, folder: council.folder.url.appendingPathComponent("alice"),
                                   settings: LocalAppSettings(idleMinutes: idleMinutes), clock: clock)
            let logger = Logger(label: "huisclos-app-test") { _ in SwiftLogNoOpLogHandler() }
            let (urls, continuation) = AsyncStream.makeStream(of: String.self)
            let group = ServiceGroup(services: [app.application(logger: logger) { continuation.yield($0) }],
                                     gracefulShutdownSignals: [], logger: logger)
            let running = Task { try await group.run() }
            var iterator = urls.makeAsyncIterator()
            let url = try #require(await iterator.next())
            let browser = AppBrowser()
            do {
                try await body(LocalAppCouncil(base: council, member: member), app, try AppEntry(url), browser)
            } catch {
                await browser.close()
                await group.triggerGracefulShutdown()
                _ = try? await running.value
                try? await app.lock()
                throw error
            }
            await browser.close()
            await group.triggerGracefulShutdown()
            try await running.value
            try await app.lock()
        }
    }
}

/// The address `huisclos app` prints: its base and its launch secret.
struct AppEntry {
    let url: String
    let base: String
    let secret: String

    init(_ url: String) throws {
        self.url = url
        let parts = try #require(URLComponents(string: url))
        base = "http://\(try #require(parts.host)):\(try #require(parts.port))"
        secret = try #require(parts.queryItems?.first { $0.name == "cle" }?.value)
        #expect(url.hasPrefix("http://127.0.0.1:") && parts.path == "/entree" && secret.count == 64)
    }
}

/// An answer of the app, its body as text.
struct AppAnswer {
    let status: UInt
    let headers: HTTPHeaders
    let body: String

    /// The CSRF token of the page's first form.
    var csrf: String? {
        guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    func expectSecurityHeaders(_ what: String) {
        let policy = headers.first(name: "content-security-policy") ?? ""
        #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline")
                    && !policy.contains("script-src"), "\(what): CSP \(policy)")
        #expect(headers.first(name: "referrer-policy") == "no-referrer", "\(what)")
        #expect(headers.first(name: "cache-control") == "no-store", "\(what)")
        #expect(headers.first(name: "x-content-type-options") == "nosniff", "\(what)")
    }
}

/// A browser without redirects or a cookie jar: each request says its cookie and `Host`.
final class AppBrowser: Sendable {
    private let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    func send(_ method: HTTPMethod, _ url: String, cookie: String? = nil, host: String? = nil,
              form: [String: String]? = nil) async throws -> AppAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        if let host { request.headers.replaceOrAdd(name: "Host", value: host) }
        if let form {
            let allowed = CharacterSet.alphanumerics
            let body = form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 16 << 20)
        return AppAnswer(status: response.status.code, headers: response.headers, body: String(buffer: body))
    }

    /// Exchanges the launch secret for the session cookie (`name=value`).
    func enter(_ entry: AppEntry) async throws -> String {
        let answer = try await send(.GET, entry.url)
        return String(try #require(answer.headers.first(name: "set-cookie")).prefix { $0 != ";" })
    }

    func close() async { try? await client.shutdown() }
}
