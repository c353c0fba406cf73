import Foundation
import GRDB
import HuisClosCouncil
import HuisClosCrypto
import HuisClosDossiers
import HuisClosEngine
import HuisClosProtocol
import HuisClosPublication
import HuisClosServer
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import NIOHTTP1
import Testing

/// The public site names itself by the address visitors reach: `--public-url` when given, else
/// the server's own host and bound port — never `localhost` by default; the publisher settings of
/// `<data>/public-site.json` name the publishing body in the same open data.
@Suite(.tags(.slow)) struct PublicURLTests {
    /// Publishes one adopted avis through `server` (the public scope's plain batches).
    static func publishOneAvis(on server: TestServer) async throws {
        let device = try await TestDevice.enrolled(on: server.url, access: DeviceAccess(readable: [.public], writable: [.public]))
        let store = try ChangeStore(database: DatabaseQueue(), device: device.key,
                                    authorizer: KnownDevicesAuthorizer(devices: [device.key.publicKey]))
        let drafts = AvisDrafts(store: store)
        try drafts.create(id: "avis-2026-07", title: "Données ouvertes", kind: .avis)
        try drafts.write("Le conseil recommande d'ouvrir les données.", paragraph: "010", of: "avis-2026-07")
        try drafts.adopt("avis-2026-07", seance: "s-2026-06", on: Day(iso: "2026-06-11")!,
                         vote: try .init(seated: 20, voting: 15, inFavour: 15, against: 0, abstaining: 0))
        try drafts.publish("avis-2026-07")
        _ = try await device.client.push(try store.outbox())
    }

    /// The open data (CSV, JSON) and the published avis's page, as a visitor gets them.
    static func site(_ server: TestServer) async throws -> (csv: String, json: String, html: String) {
        (try await page(server, "/public/deliberations.csv"), try await page(server, "/public/deliberations.json"),
         try await page(server, "/public/textes/avis-2026-07.html"))
    }

    /// One public page; requires 200.
    static func page(_ server: TestServer, _ path: String) async throws -> String {
        let answer = try await RawRequest.send(server.url, .GET, path, version: nil)
        #expect(answer.status == 200, "\(path)")
        return String(decoding: answer.body, as: UTF8.self)
    }

    @Test func aLoopbackServerWithoutPublicURLPublishesNothingAndSaysWhatToConfigure() async throws {
        try await TestServer.with("public-url-loopback", configure: { $0.publicURL = nil }) { server in
            try await Self.publishOneAvis(on: server)
            for path in ["/public/", "/public/deliberations.csv", "/public/deliberations.json", "/public/textes/avis-2026-07.html",
                         "/public/accessibilite.html"] {
                let answer = try await RawRequest.send(server.url, .GET, path, version: nil)
                let body = String(decoding: answer.body, as: UTF8.self)
                #expect(answer.status == 404, "\(path): \(answer.status)")
                #expect(body.contains("--public-url") && !body.contains("127.0.0.1:\(server.port)/public"), "\(path): \(body)")
                // A visitor reads a page, French first, with the English beside it; not an API's JSON.
                #expect(body.hasPrefix("<!DOCTYPE html>") && answer.error == nil, "\(path): \(body)")
                #expect(body.contains("Le site public ne publie encore rien") && body.contains("<div lang=\"en\">"), "\(path): \(body)")
            }
        }
    }

    @Test func onlyAGivenURLOrAHostVisitorsReachNamesTheSite() {
        func configuration(host: String, publicURL: String? = nil) -> ServerConfiguration {
            ServerConfiguration(dataFolder: URL(fileURLWithPath: "/tmp"), host: host, port: 8443, adminToken: "x", publicURL: publicURL)
        }
        for host in ["127.0.0.1", "127.0.1.1", "::1", "localhost", "0.0.0.0", "::"] {
            #expect(!configuration(host: host).publicSiteNamesItself, "\(host)")
            #expect(configuration(host: host, publicURL: "https://conseil.example.org/public").publicSiteNamesItself, "\(host)")
        }
        #expect(configuration(host: "conseil.example.org").publicSiteNamesItself)
    }

    @Test func aGivenPublicURLAndPublisherSettingsNameTheSiteInHTMLJSONAndCSV() async throws {
        let folder = try TemporaryFolder("public-url-given")
        defer { folder.remove() }
        let settings = #"{"name": "Conseil de test", "siret": "12345678901234", "subjectCode": "9.1", "subjectName": "Autres domaines de compétences des communes"}"#
        try Data(settings.utf8).write(to: folder.url.appendingPathComponent("public-site.json"))
        let server = try await TestServer.start(folder: folder.url) { $0.publicURL = "https://conseil.example.org/public/" }
        do {
            try await Self.publishOneAvis(on: server)
            let expected = "https://conseil.example.org/public/textes/avis-2026-07.html"
            let (csv, json, html) = try await Self.site(server)
            #expect(csv.contains("Conseil de test,12345678901234,avis-2026-07,2026-06-11,9.1,Autres domaines de compétences/Autres domaines de compétences des communes,"), "\(csv)")
            #expect(csv.contains(",\(expected)\r\n"), "\(csv)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]], "\(json)")
            #expect(rows.first?["DELIB_URL"] as? String == expected && rows.first?["COLL_SIRET"] as? String == "12345678901234", "\(json)")
            #expect(html.contains("<link rel=\"canonical\" href=\"\(expected)\">"), "\(html)")
            #expect(!(csv + json + html).contains(server.url), "the given address replaces the bound one")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func publicWithoutItsSlashRedirectsSoRelativeLinksResolve() async throws {
        try await TestServer.with("public-url-slash") { server in
            let answer = try await RawRequest.send(server.url, .GET, "/public", version: nil, followRedirects: false)
            #expect(answer.status == 301 && answer.location == "/public/", "\(answer.status) \(String(describing: answer.location))")
            let index = try await Self.page(server, "/public/")
            #expect(index.contains("href=\"deliberations.csv\""))
        }
    }

    @Test func openDataLinksNeverComeFromTheHostHeader() async throws {
        try await TestServer.with("public-host", configure: { $0.host = "0.0.0.0"; $0.publicURL = nil }) { server in
            try await Self.publishOneAvis(on: server)
            for path in ["/public/deliberations.csv", "/public/deliberations.json", "/public/textes/avis-2026-07.html"] {
                let socket = try await RawSocket.connect(port: server.port)
                socket.send("GET \(path) HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
                let text = String(decoding: await socket.readUntilClosed().bytes, as: UTF8.self)
                #expect(!text.contains("evil.example"), "\(path): \(text.prefix(400))")
                #expect(text.contains("--public-url"), "\(path): the refusal says what to configure: \(text.prefix(400))")
            }
        }
    }
}
