import AsyncHTTPClient
import Foundation
import HuisClosApp
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosTestSupport
import HuisClosTrust
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Testing

/// `huisclos app` driven over HTTP on loopback, as a browser does, over a member's real device on
/// a real relay (`ClientCouncil`); the idle lock is passed by moving the manual clock.
@Suite(.tags(.slow)) struct LocalAppTests {
    @Test func aRequestWithoutTheLaunchSecretsCookieOrFromAnotherHostOrWithoutItsCSRFTokenGetsNothing() async throws {
        try await LocalAppCouncil.with("app-guard") { council, app, entry, browser in
            let base = entry.base
            // Each launch has its own host name, which no other server on this machine shares: a
            // browser keeps cookies by host name, not by port.
            #expect(entry.printed.wholeMatch(of: /http:\/\/h[0-9a-f]{32}\.localhost:[0-9]+\/entree\?cle=[0-9a-f]{64}/) != nil, "\(entry.printed)")
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
            #expect(!setCookie.lowercased().contains("domain="), "a host-only cookie: \(setCookie)")
            exchanged.expectSecurityHeaders("exchange")
            let cookie = String(setCookie.prefix { $0 != ";" })
            let home = try await browser.send(.GET, base + "/", cookie: cookie)
            #expect(home.status == 200 && home.body.contains("Accueil") && home.body.contains("s1"))
            home.expectSecurityHeaders("/")
            #expect(try await browser.send(.GET, base + "/", cookie: "huisclos_session=" + String(repeating: "a", count: 64)).status == 401)
            // The launch secret opens one browser session: used again, it opens nothing.
            let again = try await browser.send(.GET, entry.url)
            #expect(again.status == 401 && again.headers["set-cookie"].isEmpty, "the launch secret was used twice: \(again.status)")
            // DNS rebinding: the right cookie under another Host name is refused.
            let port = try #require(URL(string: base)?.port)
            let otherName = "h" + String(repeating: "0", count: 32) + ".localhost:\(port)"
            for host in ["evil.example:\(port)", "127.0.0.1", "127.0.0.1:\(port + 1)", "localhost.evil.example:\(port)", "127.0.0.1:\(port)",
                         "localhost:\(port)", "[::1]:\(port)", otherName, entry.authority + ".evil.example"] {
                let answer = try await browser.send(.GET, base + "/seances", cookie: cookie, host: host)
                #expect(answer.status == 403 && !answer.body.contains("Bobigny"), "Host \(host): \(answer.status)")
                answer.expectSecurityHeaders("Host \(host)")
            }
            // The app holds the port on both loopback addresses (browsers try ::1 first for a
            // `.localhost` name): no other program can take [::1]:PORT and receive the cookie.
            let overIPv6 = try await browser.send(.GET, "http://[::1]:\(port)/seances", cookie: cookie)
            #expect(overIPv6.status == 200 && overIPv6.body.contains("Bobigny"), "[::1]: \(overIPv6.status)")
            // No link of a page leaves the app's origin, whatever the path asked (`//seances`).
            for path in ["//seances", "//evil.example/x", "/seances//evil.example", "///evil.example"] {
                let answer = try await browser.send(.GET, base + path, cookie: cookie)
                #expect(!answer.body.contains("href=\"//") && !answer.body.contains("action=\"//"), "\(path): a protocol-relative link")
            }
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
            // Opened without the browser's fetch metadata (not a browser, or a browser without it),
            // the convocation does not acknowledge reading: the page offers it as a form instead.
            let bare = try await browser.send(.GET, base + "/seances/s1", cookie: cookie)
            #expect(bare.status == 200 && bare.body.contains("action=\"/seances/s1/lecture\""), "\(bare.body)")
            #expect(try await !council.acknowledged(reading: true), "a request without fetch metadata acknowledged reading")
            #expect(try await browser.send(.POST, base + "/seances/s1/lecture", cookie: cookie, form: [:]).status == 403)
            #expect(try await !council.acknowledged(reading: true), "a forged form acknowledged reading")
            let read = try await browser.send(.POST, base + "/seances/s1/lecture", cookie: cookie, form: ["csrf": csrf])
            #expect(read.status == 303 && read.headers.first(name: "location") == "/seances/s1")
            #expect(try await council.acknowledged(reading: true), "the page's form acknowledges reading")
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
            // What another page can make the browser fetch (an image, a frame, another site's or
            // another port's link) acknowledges nothing; only a navigation of the app's own pages does.
            for (site, destination) in [("same-site", "image"), ("cross-site", "image"), ("same-site", "document"), ("cross-site", "document"),
                                        ("same-origin", "image"), ("same-origin", "iframe"), ("none", "image")] {
                let fetched = [("Sec-Fetch-Site", site), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", destination)]
                for path in ["/", "/seances", "/seances/s1"] {
                    #expect(try await browser.send(.GET, base + path, cookie: cookie, headers: fetched).status == 200, "\(path)")
                }
            }
            #expect(try await !council.acknowledged(reading: false), "a sub-resource or another site's link acknowledged receipt")
            #expect(try await !council.acknowledged(reading: true), "a sub-resource or another site's link acknowledged reading")
            let seances = try await browser.send(.GET, base + "/seances", cookie: cookie, headers: LocalAppCouncil.navigation)
            #expect(seances.status == 200 && seances.body.contains("Bobigny, salle du conseil") && seances.body.contains("href=\"/seances/s1\""))
            #expect(!seances.body.contains("<meta http-equiv=refresh"), "a séance's place wrote markup into the page")
            #expect(seances.body.contains("<html lang=\"fr\">") && seances.body.contains("pas de réponse"))
            #expect(try await council.acknowledged(reading: false), "listing the séances acknowledges receipt")
            #expect(try await !council.acknowledged(reading: true))
            let convocation = try await browser.send(.GET, base + "/seances/s1", cookie: cookie, headers: LocalAppCouncil.navigation)
            #expect(convocation.status == 200 && convocation.body.contains("Budget 2027") && convocation.body.contains("href=\"/dossiers/council/cadrage\""))
            #expect(!convocation.body.contains("<b>injecté") && !convocation.body.contains("<meta http-equiv=refresh"), "an agenda title or place wrote markup into the page")
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
            #expect(absent.status == 404 && absent.body.contains("Erreur (dossier.notFound)"), "\(absent.status)")
            let noSeance = try await browser.send(.GET, base + "/seances/s9", cookie: cookie)
            #expect(noSeance.status == 404 && noSeance.body.contains("Erreur (agenda.unknownSeance)"), "\(noSeance.status)")

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

    @Test func anotherProgramHoldingTheAppsPortOnTheIPv6LoopbackStopsTheApp() async throws {
        try await LocalAppCouncil.withMember("app-squatted") { council in
            // Another local user listens on [::1]:PORT first: a browser would send it the requests
            // (and the cookie) meant for the app's `.localhost` name, so the app refuses to start.
            let squatter = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "::1", port: 0).get()
            let port = try #require(squatter.localAddress?.port)
            let app = try council.app(port: port)
            let error = await #expect(throws: (any Error).self) {
                let served = try await ServedApp.start(app)
                try await served.stop()
            }
            #expect((error as? AppError)?.qualifiedCode == "app.loopbackTaken", "\(String(describing: error))")
            try await squatter.close()
            try await app.lock()
        }
    }

    /// After the idle time the device is closed and stays closed: the page says to start `huisclos
    /// app` again in the terminal and asks no passphrase (attacker review 2, finding 2: a page
    /// asking for it is then never the app's, whatever a program that took the app's port serves).
    @Test func afterTheIdleTimeTheDeviceIsClosedAndThePageSendsTheMemberBackToTheTerminal() async throws {
        try await LocalAppCouncil.with("app-idle", idleMinutes: 10) { council, app, entry, browser in
            let base = entry.base
            let cookie = try await browser.enter(entry)
            council.clock.advance(seconds: 9 * 60)
            let open = try await browser.send(.GET, base + "/seances", cookie: cookie)
            #expect(open.body.contains("Bobigny"), "9 minutes: still open")
            #expect(open.body.contains("HuisClos ne demande jamais votre phrase de passe dans le navigateur"), "the footer says it")
            let csrf = try #require(open.csrf)
            council.clock.advance(seconds: 9 * 60)
            #expect(await app.isUnlocked, "a request 9 minutes after the last keeps it open")
            council.clock.advance(seconds: 10 * 60 + 1)
            let locked = try await browser.send(.GET, base + "/seances", cookie: cookie)
            #expect(locked.status == 200 && locked.body.contains("relancez huisclos app dans votre terminal") && !locked.body.contains("Bobigny"))
            #expect(!locked.body.contains("type=\"password\"") && !locked.body.contains("<form"), "the locked page asks something")
            #expect(await !app.isUnlocked, "the device is closed")
            let english = try await browser.send(.GET, base + "/?lang=en", cookie: cookie)
            #expect(english.body.contains("start huisclos app again in your terminal")
                        && english.body.contains("HuisClos never asks your passphrase in the browser"), "\(english.body)")
            // The passphrase sent to the old unlock address opens nothing.
            let tried = try await browser.send(.POST, base + "/deverrouiller", cookie: cookie,
                                               form: ["phrase": ClientCouncil.passphrase, "retour": "/seances", "csrf": csrf])
            #expect(tried.status == 303 && tried.headers.first(name: "location") == "/", "\(tried.status)")
            #expect(await !app.isUnlocked, "a passphrase typed in a page unlocked the device")
        }
    }

    @Test func lockingByHandClosesTheDeviceAtOnce() async throws {
        try await LocalAppCouncil.with("app-lock") { _, app, entry, browser in
            let cookie = try await browser.enter(entry)
            let csrf = try #require(try await browser.send(.GET, entry.base + "/", cookie: cookie).csrf)
            #expect(try await browser.send(.POST, entry.base + "/verrouiller", cookie: cookie, form: ["csrf": csrf]).status == 303)
            #expect(await !app.isUnlocked)
            let locked = try await browser.send(.GET, entry.base + "/dossiers", cookie: cookie)
            #expect(locked.body.contains("relancez huisclos app") && !locked.body.contains("Note de cadrage"))
        }
    }
}

/// A council on a relay with a séance convened, its agenda and a Markdown dossier, and the app
/// serving a member's device.
struct LocalAppCouncil {
    /// The fetch metadata a browser sends when the member follows one of the app's links.
    static let navigation = [("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "navigate"), ("Sec-Fetch-User", "?1"), ("Sec-Fetch-Dest", "document")]

    static let markdown = "# Cadrage\n\nTexte **important** <script>alert(1)</script> ![x](http://evil.example/x.png) \(hidden)<img src=x>\n\n- un\n- deux\n"
    /// A code point that joins the next into one `Character` (U+0600): an escaper comparing
    /// characters let the `<` or `"` after it through (the attacker review of the app, finding 1).
    static let hidden = "\u{600}"

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
    static func with(_ name: String, idleMinutes: Int = 15, connections: AppConnectionLimits = AppConnectionLimits(),
                     _ body: (LocalAppCouncil, LocalApp, AppEntry, AppBrowser) async throws -> Void) async throws {
        try await withMember(name) { council in
            let app = try council.app(idleMinutes: idleMinutes, connections: connections)
            let served = try await ServedApp.start(app)
            let entry = try AppEntry(served.url)
            let browser = AppBrowser(host: entry.authority)
            do {
                try await body(council, app, entry, browser)
            } catch {
                await browser.close()
                try? await served.stop()
                try? await app.lock()
                throw error
            }
            await browser.close()
            try await served.stop()
            try await app.lock()
        }
    }

    /// Runs `body` with the council built and the member's device synced, before any app starts.
    static func withMember(_ name: String, _ body: (LocalAppCouncil) async throws -> Void) async throws {
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
            let hidden = Self.hidden
            _ = try await records.convene("s1", on: day, from: TimeOfDay(hour: 14, minute: 0)!, to: nil, place: "Bobigny, salle du conseil" + hidden + "<meta http-equiv=refresh content=0;url=http://evil.example>", urgent: false)
            _ = try await records.addAgendaItem("p1", to: "s1", title: "Budget 2027" + hidden + "\"><b>injecté</b>", dossiers: ["cadrage"])
            _ = try await secretariat.device.sync()
            let member = ClientSession(device: device, clock: clock)
            try await member.syncEverything(policy: .everything)
            try await body(LocalAppCouncil(base: council, member: member))
        }
    }

    /// The app over the member's device (not started).
    func app(port: Int = 0, idleMinutes: Int = 15, connections: AppConnectionLimits = AppConnectionLimits()) throws -> LocalApp {
        try LocalApp(session: member,
                     settings: LocalAppSettings(port: port, idleMinutes: idleMinutes, connections: connections), clock: clock)
    }
}

/// A running app: its printed address, and how to stop it.
struct ServedApp {
    let url: String
    let group: ServiceGroup
    let running: Task<Void, any Error>

    /// Starts `app` and waits for its address; throws what stopped it when it stops before listening.
    static func start(_ app: LocalApp) async throws -> ServedApp {
        let logger = Logger(label: "huisclos-app-test") { _ in SwiftLogNoOpLogHandler() }
        let (urls, continuation) = AsyncStream.makeStream(of: String.self)
        let group = ServiceGroup(services: [app.application(logger: logger) { continuation.yield($0) }],
                                 gracefulShutdownSignals: [], logger: logger)
        let running = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = urls.makeAsyncIterator()
        guard let url = await iterator.next() else {
            try await running.value
            throw AppTestFailure.stoppedBeforeListening
        }
        return ServedApp(url: url, group: group, running: running)
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
    }
}

enum AppTestFailure: Error { case stoppedBeforeListening }

/// The address `huisclos app` prints (`http://h<128-bit hex>.localhost:PORT/entree?cle=SECRET`):
/// the name browsers resolve to loopback themselves; the tests connect to 127.0.0.1 and send that
/// name as `Host` (glibc does not resolve `*.localhost` here).
struct AppEntry {
    /// The printed address.
    let printed: String
    /// The app's `Host`: `name:port`.
    let authority: String
    let port: Int
    /// `http://127.0.0.1:PORT`, where the tests connect.
    let base: String
    /// The printed address on 127.0.0.1 (sent with the app's `Host`).
    let url: String
    let secret: String

    init(_ printed: String) throws {
        self.printed = printed
        let parts = try #require(URLComponents(string: printed))
        let host = try #require(parts.host)
        port = try #require(parts.port)
        authority = "\(host):\(port)"
        base = "http://127.0.0.1:\(port)"
        secret = try #require(parts.queryItems?.first { $0.name == "cle" }?.value)
        url = base + "/entree?cle=" + secret
        #expect(parts.path == "/entree" && secret.count == 64)
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
/// Unless told otherwise, each request names the app's own `Host`.
final class AppBrowser: Sendable {
    private let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
    /// The `Host` sent when a request names none.
    let host: String

    init(host: String) { self.host = host }

    func send(_ method: HTTPMethod, _ url: String, cookie: String? = nil, host: String? = nil, headers: [(String, String)] = [],
              form: [String: String]? = nil) async throws -> AppAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let cookie { request.headers.add(name: "Cookie", value: cookie) }
        request.headers.replaceOrAdd(name: "Host", value: host ?? self.host)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
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
