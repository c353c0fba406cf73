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
            #expect(noSeance.status == 404 && noSeance.body.contains("Erreur (records.unknownSeance)"), "\(noSeance.status)")

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

    /// Issue 13: a PDF dossier is drawn in the page by pdf.js (libjs-pdf) and the app's script
    /// under a watermark of the member's name, date and time (the app's clock); its bytes go only
    /// to that script's fetch, never to a navigation; without script the page offers the download
    /// with the `--sortie` warning. (The drawing itself is checked in Chromium: LocalAppBrowserTests.)
    @Test func aPDFDossierPageCarriesTheWatermarkAndItsBytesGoOnlyToTheReader() async throws {
        try await LocalAppCouncil.with("app-pdf") { council, _, entry, browser in
            let base = entry.base
            let cookie = try await browser.enter(entry)
            let moment = Moment(unixSeconds: council.clock.unixSeconds).text
            let page = try await browser.send(.GET, base + "/dossiers/council/budget", cookie: cookie, headers: LocalAppCouncil.navigation)
            #expect(page.status == 200, "\(page.status) \(page.body)")
            page.expectSecurityHeaders("PDF page")
            let watermark = "\(LocalAppCouncil.memberName) — \(moment.in(.french))"
            #expect(page.body.contains("data-watermark=\"\(watermark)\""), "\(watermark) not in \(page.body)")
            #expect(page.body.contains("data-src=\"/dossiers/council/budget/pdf?version=1\"") && page.body.contains("<canvas id=\"pdf-page\""))
            let scripts = page.body.components(separatedBy: "<script").dropFirst()
            #expect(scripts.map { $0.components(separatedBy: "</script>")[0] } == [" src=\"/pdfjs/pdf.js\" defer>", " src=\"/app-pdf.js\" defer>"],
                    "only the two scripts, by address, no inline script")
            #expect(page.body.contains("L&#39;affichage des pages demande JavaScript") && page.body.contains("href=\"/dossiers/council/budget/telecharger?version=1\""))
            #expect(page.body.contains("Attention : le contenu est écrit en clair hors de l&#39;appareil chiffré (budget.pdf)."), "the --sortie warning")
            let english = try await browser.send(.GET, base + "/dossiers/council/budget?lang=en", cookie: cookie)
            #expect(english.body.contains("data-watermark=\"\(LocalAppCouncil.memberName) — \(moment.in(.english))\"") && english.body.contains("Page {page} of {pages}"))

            let fetched = [("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")]
            let bytes = try await browser.send(.GET, base + "/dossiers/council/budget/pdf?version=1", cookie: cookie, headers: fetched)
            #expect(bytes.status == 200 && Array(bytes.body.utf8) == LocalAppCouncil.pdf && bytes.headers.first(name: "content-type") == "application/pdf")
            bytes.expectSecurityHeaders("PDF bytes")
            for headers in [LocalAppCouncil.navigation, [], [("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "cors"), ("Sec-Fetch-Dest", "empty")],
                            [("Sec-Fetch-Site", "same-origin"), ("Sec-Fetch-Mode", "no-cors"), ("Sec-Fetch-Dest", "embed")]] {
                let opened = try await browser.send(.GET, base + "/dossiers/council/budget/pdf?version=1", cookie: cookie, headers: headers)
                #expect(opened.status == 404 && !opened.body.contains("%PDF"), "\(headers): the PDF without its watermark")
            }
            let notPDF = try await browser.send(.GET, base + "/dossiers/council/cadrage/pdf?version=1", cookie: cookie, headers: fetched)
            #expect(notPDF.status == 404 && !notPDF.body.contains("Cadrage"))
            #expect(try await browser.send(.GET, base + "/dossiers/council/budget/pdf?version=1", headers: fetched).status == 401)

            for (path, text) in [("/pdfjs/pdf.js", "pdfjsLib"), ("/pdfjs/pdf.worker.js", "WorkerMessageHandler"), ("/app-pdf.js", "isEvalSupported: false")] {
                let script = try await browser.send(.GET, base + path, cookie: cookie)
                #expect(script.status == 200 && script.body.contains(text) && script.headers.first(name: "content-type")?.hasPrefix("text/javascript") == true, "\(path)")
                script.expectSecurityHeaders(path)
            }
            #expect(try await browser.send(.GET, base + "/pdfjs/pdf.js").status == 401)
            #expect(try await browser.send(.GET, base + "/pdfjs/viewer.js", cookie: cookie).status == 404)
        }
    }

    /// Issue 13: every page's header has the search field; the results page lists the replica's
    /// full-text hits (as `huisclos dossiers chercher`) with their snippets escaped (the dossier's
    /// `<script>` and the joined `<img` stay text), the query echoed escaped, in both languages. The
    /// words travel in a POST form with the CSRF token, never in the address (the browser's history
    /// would keep them on disk, attacker review 3): a `?q=` in the address searches nothing.
    @Test func theSearchFieldOnEveryPageFindsPassagesWithTheirSnippetsEscaped() async throws {
        try await LocalAppCouncil.with("app-search") { _, _, entry, browser in
            let base = entry.base
            let cookie = try await browser.enter(entry)
            for path in ["/", "/seances", "/dossiers", "/dossiers/council/cadrage", "/recherche"] {
                let page = try await browser.send(.GET, base + path, cookie: cookie)
                #expect(page.body.contains("<form class=\"search\" role=\"search\" method=\"post\" action=\"/recherche\"><input type=\"hidden\" name=\"csrf\"")
                            && page.body.contains("<input type=\"search\" id=\"recherche\" name=\"q\""), "\(path): no search field")
            }
            let csrf = try #require(try await browser.send(.GET, base + "/", cookie: cookie).csrf)
            let inAddress = try await browser.send(.GET, base + "/recherche?q=important", cookie: cookie)
            #expect(inAddress.status == 200 && !inAddress.body.contains("Note de cadrage") && !inAddress.body.contains("value=\"important\""))
            #expect(try await browser.send(.POST, base + "/recherche", cookie: cookie, form: ["q": "important"]).status == 403, "no CSRF token")
            let found = try await browser.send(.POST, base + "/recherche", cookie: cookie, form: ["q": "important", "csrf": csrf])
            #expect(found.status == 200, "\(found.status)")
            found.expectSecurityHeaders("search")
            #expect(found.body.contains("<a href=\"/dossiers/council/cadrage?version=1\">Note de cadrage</a>"), "\(found.body)")
            #expect(found.body.contains("«important»") && found.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(found.body)")
            #expect(!found.body.contains("<script") && !found.body.contains("<img"), "a snippet wrote markup into the page")
            #expect(found.body.contains("1 passage trouvé") && found.body.contains("value=\"important\""))
            let injected = try await browser.send(.POST, base + "/recherche", cookie: cookie, form: ["q": "\"><b>injecté", "csrf": csrf])
            #expect(injected.status == 200 && !injected.body.contains("<b>injecté") && injected.body.contains("&quot;&gt;&lt;b&gt;injecté"))
            #expect(injected.body.contains("Aucun passage des dossiers lisibles sur cet appareil ne contient ces mots."))
            let english = try await browser.send(.POST, base + "/recherche?lang=en", cookie: cookie, form: ["q": "important", "csrf": csrf])
            #expect(english.body.contains("1 passage found") && english.body.contains("Search the dossiers"))
            #expect(try await browser.send(.POST, base + "/recherche", form: ["q": "important", "csrf": csrf]).status == 401)
        }
    }

    /// Issue 13, « Mes appareils »: the member's devices with their fingerprints (as `huisclos
    /// appareils liste`); a second device the secretariat certified in the member's name awaits
    /// approval, and the member approves it from the page by typing the fingerprint the new device
    /// shows, with the page's CSRF token: a click alone, a forged form or another fingerprint
    /// approves nothing.
    @Test func myDevicesListsTheFingerprintsAndApprovesTheOneAwaitingByItsTypedFingerprint() async throws {
        try await LocalAppCouncil.with("app-devices") { council, _, entry, browser in
            let base = entry.base
            let cookie = try await browser.enter(entry)
            let second = try await council.base.enrolDevice("alice-tablette", of: council.member.device.member)
            try await council.member.syncEverything(policy: .everything)  // as « Synchroniser » on the home page
            let fingerprint = "\(await second.fingerprint)"
            let mine = "\(await council.member.device.fingerprint)"
            let page = try await browser.send(.GET, base + "/appareils", cookie: cookie)
            #expect(page.status == 200 && page.body.contains("<h1>Mes appareils</h1>") && page.body.contains(mine), "\(page.body)")
            #expect(page.body.contains("<a href=\"/appareils\""), "no « Mes appareils » in the navigation")
            #expect(page.body.contains("<input type=\"hidden\" name=\"attendue\" value=\"\(fingerprint)\">")
                    && !page.body.contains("name=\"attendue\" value=\"\(mine)\""), "only the device awaiting approval has the form: \(page.body)")
            #expect(page.body.contains("name=\"empreinte\" type=\"text\" required") && !page.body.contains("name=\"empreinte\" value="),
                    "the fingerprint is typed, not carried by the form: \(page.body)")
            page.expectSecurityHeaders("devices")
            let csrf = try #require(page.csrf)
            let forged = try await browser.send(.POST, base + "/appareils/approuver", cookie: cookie, form: ["attendue": fingerprint, "empreinte": fingerprint])
            #expect(forged.status == 403)
            let clicked = try await browser.send(.POST, base + "/appareils/approuver", cookie: cookie, form: ["attendue": fingerprint, "empreinte": "", "csrf": csrf])
            #expect(clicked.status == 400 && clicked.body.contains("20 chiffres hexadécimaux"), "\(clicked.status) \(clicked.body)")
            let other = try await browser.send(.POST, base + "/appareils/approuver", cookie: cookie, form: ["attendue": fingerprint, "empreinte": mine, "csrf": csrf])
            #expect(other.status == 400 && other.body.contains("pas celle de cet appareil"), "\(other.status) \(other.body)")
            let approvedByMistake = await second.isApproved
            #expect(!approvedByMistake)
            let typed = fingerprint.uppercased().replacingOccurrences(of: "-", with: " ")
            let approved = try await browser.send(.POST, base + "/appareils/approuver", cookie: cookie, form: ["attendue": fingerprint, "empreinte": typed, "csrf": csrf])
            #expect(approved.status == 303 && approved.headers.first(name: "location") == "/appareils?approuve=1", "\(approved.status) \(approved.body)")
            _ = try await second.sync()
            #expect(await second.isApproved, "approved in the membership log")
            let after = try await browser.send(.GET, base + "/appareils?approuve=1", cookie: cookie)
            #expect(after.body.contains("Appareil approuvé") && !after.body.contains("name=\"attendue\""), "\(after.body)")
            let english = try await browser.send(.GET, base + "/appareils?lang=en", cookie: cookie)
            #expect(english.body.contains("<h1>My devices</h1>") && english.body.contains("Fingerprint"))
        }
    }

    /// Issue 13: a note is added from the dossier page (as `huisclos notes ajouter`: private by
    /// default, at a location, on the version shown; CSRF as every form) and listed there escaped;
    /// once the secretariat adds a version, the page marks it as made on an earlier one.
    @Test func aNoteAddedOnTheDossierPageIsListedAndMarkedOnceANewerVersionArrives() async throws {
        try await LocalAppCouncil.with("app-notes") { council, _, entry, browser in
            let base = entry.base
            let cookie = try await browser.enter(entry)
            let page = try await browser.send(.GET, base + "/dossiers/council/cadrage", cookie: cookie)
            #expect(page.body.contains("<form method=\"post\" action=\"/dossiers/council/cadrage/notes\">") && page.body.contains("Aucune note"), "\(page.body)")
            let csrf = try #require(page.csrf)
            let note = ["version": "1", "emplacement": "p. 1, § 2", "texte": "<b>À vérifier</b>", "partage": "prive"]
            let forged = try await browser.send(.POST, base + "/dossiers/council/cadrage/notes", cookie: cookie, form: note)
            #expect(forged.status == 403)
            #expect(try await council.member.notes(on: "cadrage", in: .council).isEmpty, "a form without its CSRF token wrote a note")
            var refused = note
            refused["partage"] = "group:autre"
            refused["csrf"] = csrf
            #expect(try await browser.send(.POST, base + "/dossiers/council/cadrage/notes", cookie: cookie, form: refused).status == 400)
            var sent = note
            sent["csrf"] = csrf
            let added = try await browser.send(.POST, base + "/dossiers/council/cadrage/notes", cookie: cookie, form: sent)
            #expect(added.status == 303 && added.headers.first(name: "location") == "/dossiers/council/cadrage?version=1&note=1")
            let notes = try await council.member.notes(on: "cadrage", in: .council)
            #expect(notes.map { "\($0.version) \($0.location) \($0.text)" } == ["1 p. 1, § 2 <b>À vérifier</b>"])
            #expect(notes.first?.scope.rawValue.hasPrefix("member:") == true, "private by default")
            let listed = try await browser.send(.GET, base + "/dossiers/council/cadrage?version=1&note=1", cookie: cookie)
            #expect(listed.body.contains("Note ") && listed.body.contains("ajoutée") && listed.body.contains("&lt;b&gt;À vérifier&lt;/b&gt;")
                        && listed.body.contains("p. 1, § 2") && listed.body.contains("privée") && !listed.body.contains("<b>À"), "\(listed.body)")
            #expect(!listed.body.contains("faite sur la version"), "marked earlier while it is on the latest version")

            _ = try await council.base.secretariat.addDossierVersion(file: try council.base.file("cadrage.md", "# Cadrage v2\n"), scope: .council,
                                                                     id: "cadrage", title: "Note de cadrage", attachedTo: "s1")
            try await council.member.syncEverything(policy: .everything)
            let newer = try await browser.send(.GET, base + "/dossiers/council/cadrage", cookie: cookie)
            #expect(newer.body.contains("Cadrage v2") && newer.body.contains("faite sur la version 1, antérieure"), "\(newer.body)")
            let english = try await browser.send(.GET, base + "/dossiers/council/cadrage?lang=en", cookie: cookie)
            #expect(english.body.contains("made on version 1, an earlier one") && english.body.contains("private"))
        }
    }

    /// A note shared from the dossier page with one of the member's working groups is written in
    /// the group's scope (as `notes ajouter --partage group:<nom>`) and listed as the group's.
    @Test func aNoteSharedWithTheMembersWorkingGroupIsWrittenInTheGroupsScope() async throws {
        try await LocalAppCouncil.with("app-group-note") { council, _, entry, browser in
            let president = ClientSession(device: try await council.base.enrol("presidente", role: .president), clock: council.clock)
            try await president.councilSession().createWorkingGroup("mobilite", members: [council.member.device.member], supplementary: [])
            try await council.member.syncEverything(policy: .everything)
            let base = entry.base
            let cookie = try await browser.enter(entry)
            let page = try await browser.send(.GET, base + "/dossiers/council/cadrage", cookie: cookie)
            #expect(page.body.contains("<option value=\"group:mobilite\">le groupe de travail mobilite</option>"), "\(page.body)")
            let csrf = try #require(page.csrf)
            let added = try await browser.send(.POST, base + "/dossiers/council/cadrage/notes", cookie: cookie,
                                               form: ["version": "1", "emplacement": "p. 3", "texte": "Pour le groupe", "partage": "group:mobilite", "csrf": csrf])
            #expect(added.status == 303)
            #expect(try await council.member.notes(on: "cadrage", in: .council).map(\.scope.rawValue) == ["group:mobilite"])
            let listed = try await browser.send(.GET, base + "/dossiers/council/cadrage", cookie: cookie)
            #expect(listed.body.contains("p. 3 — le groupe de travail mobilite — Version 1") && listed.body.contains("Pour le groupe"), "\(listed.body)")
        }
    }

    /// A page's `<title>` stays in the browser's history, session files and sync: it names the kind
    /// of page only, distinct per screen (RGAA 8.6), and the dossier or séance it shows is in its
    /// `<h1>` alone (attacker review 2, finding 4).
    @Test func everyPagesTitleNamesItsKindOnlyAndTheDossierOrSeanceIsInItsHeading() async throws {
        try await LocalAppCouncil.with("app-titles") { _, _, entry, browser in
            let cookie = try await browser.enter(entry)
            let confidential = ["Note de cadrage", "cadrage", "s1", "Bobigny", "Budget"]
            var titles: [String: String] = [:]
            for (path, heading) in [("/", "Accueil"), ("/seances", "Séances"), ("/seances/s1", "Séance s1"), ("/dossiers", "Dossiers"),
                                    ("/dossiers/council/cadrage", "Note de cadrage"), ("/dossiers/council/absent", nil)] as [(String, String?)] {
                for language in ["fr", "en"] {
                    let page = try await browser.send(.GET, entry.base + path + "?lang=" + language, cookie: cookie)
                    let title = try #require(page.element("title"), "\(path): no title")
                    #expect(!confidential.contains { title.contains($0) }, "\(path) \(language): <title>\(title)</title>")
                    #expect(title.hasSuffix(" — HuisClos") && title.count > " — HuisClos".count, "\(path): \(title)")
                    titles[path + language] = title
                    if language == "fr", let heading { #expect(page.element("h1") == heading, "\(path): <h1>\(page.element("h1") ?? "none")") }
                }
            }
            let screens = ["/", "/seances", "/seances/s1", "/dossiers", "/dossiers/council/cadrage"]
            for language in ["fr", "en"] {
                let distinct = Set(screens.compactMap { titles[$0 + language] })
                #expect(distinct.count == screens.count, "\(language): titles not distinct per screen: \(titles)")
            }
            #expect(titles["/dossiers/council/cadragefr"] == "Dossier — HuisClos" && titles["/seances/s1fr"] == "Séance — HuisClos", "\(titles)")
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

/// The secretariat's wipe order reaches the app through « Synchroniser » (attacker review 2,
/// finding 5: the process went on running, holding decrypted text, after the replica was gone).
@Suite(.tags(.slow)) struct LocalAppWipeTests {
    @Test func aWipeOrderReceivedByTheAppsSyncAnswersALastPageAndStopsTheApp() async throws {
        try await LocalAppCouncil.withMember("app-wipe") { council in
            let app = try council.app()
            let served = try await ServedApp.start(app)
            let entry = try AppEntry(served.url)
            let browser = AppBrowser(host: entry.authority)
            do {
                try await wipe(council, served: served, entry: entry, browser: browser)
            } catch {
                await browser.close()
                try? await served.stop()
                throw error
            }
            await browser.close()
            #expect(await !app.isUnlocked)
        }
    }

    private func wipe(_ council: LocalAppCouncil, served: ServedApp, entry: AppEntry, browser: AppBrowser) async throws {
        let cookie = try await browser.enter(entry)
        let home = try await browser.send(.GET, entry.base + "/", cookie: cookie)
        let csrf = try #require(home.csrf)
        let secretariat = council.base.secretariat.device
        try await secretariat.sign(.revokeDevice(device: council.member.device.certificate.signingKey, wipe: true))
        let last = try await browser.send(.POST, entry.base + "/synchroniser", cookie: cookie, form: ["csrf": csrf])
        #expect(last.status == 200 && last.body.contains("effacement de cet appareil")
                    && last.body.contains("s&#39;arrête"), "\(last.status) \(last.body.prefix(400))")
        #expect(!last.body.contains("Bobigny") && !last.body.contains("Note de cadrage"))
        last.expectSecurityHeaders("the last page")
        #expect(!FileManager.default.fileExists(atPath: council.member.device.folder.path), "the replica folder is gone")
        // The app stops by itself, with the wipe as the reason.
        let stopped = try await served.end(withinSeconds: 30)
        #expect((stopped as? DeviceError)?.code == .wiped, "\(String(describing: stopped))")
        let gone = await #expect(throws: (any Error).self) { _ = try await browser.send(.GET, entry.base + "/", cookie: cookie) }
        #expect(gone != nil, "the app still answers after the wipe")
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
    /// The PDF dossier `budget`: two pages the app's reader draws under the watermark.
    static let pdf = MinimalPDF.make(title: "Budget primitif 2027", pages: 2)
    /// The member's name in the register, which the watermark shows.
    static let memberName = "Alice Martin"

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
            try secretariat.device.council.recordProfile(member: device.member.hex, name: memberName, category: .civilSociety, gender: .female)
            let records = try await secretariat.councilSession()
            let day = try #require(Day(unixSeconds: clock.unixSeconds + 30 * 86_400))
            let hidden = Self.hidden
            _ = try await records.convene("s1", on: day, from: TimeOfDay(hour: 14, minute: 0)!, to: nil, place: "Bobigny, salle du conseil" + hidden + "<meta http-equiv=refresh content=0;url=http://evil.example>", urgent: false)
            _ = try await secretariat.addDossierVersion(file: try council.file("cadrage.md", markdown), scope: .council, id: "cadrage",
                                                        title: "Note de cadrage", attachedTo: "s1")
            _ = try await secretariat.addDossierVersion(file: try council.file("budget.pdf", String(decoding: pdf, as: UTF8.self)), scope: .council,
                                                        id: "budget", title: "Budget primitif", attachedTo: "s1")
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

    /// What ended the app when it stops by itself (nil: it ended without an error); still running
    /// after `seconds` of real time (its shutdown runs on NIO's event loops, not on an injected
    /// clock), it is stopped and the wait fails.
    func end(withinSeconds seconds: Int) async throws -> (any Error)? {
        try await withThrowingTaskGroup(of: (any Error)?.self) { group in
            group.addTask { [running] in
                do { try await running.value } catch { return error }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                throw AppTestFailure.stillRunning
            }
            defer { group.cancelAll() }
            do {
                return try await group.next() ?? nil
            } catch {
                try? await stop()
                throw error
            }
        }
    }
}

enum AppTestFailure: Error { case stoppedBeforeListening, stillRunning }

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

    /// The text of the first `<name>` element (`title`, `h1`), nil when there is none.
    func element(_ name: String) -> String? {
        guard let start = body.range(of: "<\(name)>"), let end = body.range(of: "</\(name)>", range: start.upperBound..<body.endIndex) else { return nil }
        return String(body[start.upperBound..<end.lowerBound])
    }

    /// The CSRF token of the page's first form.
    var csrf: String? {
        guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    func expectSecurityHeaders(_ what: String) {
        let policy = headers.first(name: "content-security-policy") ?? ""
        #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline")
                    && !policy.contains("unsafe-eval") && policy.contains("script-src 'self';") && policy.contains("worker-src 'self';"),
                "\(what): CSP \(policy)")
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
