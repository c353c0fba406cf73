import Foundation
import GRDB
import HuisClosCouncil
import HuisClosCrypto
import HuisClosDossiers
import HuisClosEngine
import HuisClosProtocol
import HuisClosPublication
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import NIOHTTP1
import Testing

/// The relay's public pages serve only what was published.
@Suite(.tags(.slow)) struct PublicEndpointTests {
    static let marker = "CONFIDENTIEL-7F3A9-NE-PAS-DIFFUSER"

    @Test func publicEndpointServesOnlyPublishedMaterialAndNeverAConfidentialMarker() async throws {
        try await TestServer.with("public-site") { server in
            let device = try await TestDevice.enrolled(on: server.url,
                access: DeviceAccess(readable: [.council, .public], writable: [.council, .public]))
            let store = try ChangeStore(database: DatabaseQueue(), device: device.key,
                                        authorizer: KnownDevicesAuthorizer(devices: [device.key.publicKey]))
            let drafts = AvisDrafts(store: store)
            try drafts.create(id: "avis-2026-01", title: "Inclusion numérique", kind: .avis)
            try drafts.write("Le conseil recommande des médiateurs numériques.", paragraph: "010", of: "avis-2026-01")
            try drafts.write("Brouillon : \(Self.marker)", paragraph: "020", of: "avis-2026-01")
            try drafts.write("Paragraphe final.", paragraph: "020", of: "avis-2026-01")
            try drafts.create(id: "avis-2026-02", title: "Brouillon \(Self.marker)", kind: .avis)
            try drafts.write("Texte \(Self.marker)", paragraph: "010", of: "avis-2026-02")
            try drafts.adopt("avis-2026-01", seance: "s-2026-03", on: Day(iso: "2026-03-12")!,
                             vote: try .init(seated: 28, voting: 21, inFavour: 18, against: 2, abstaining: 1))
            try drafts.publish("avis-2026-01")
            _ = try await device.client.push(try store.outbox())

            var pages: [String: String] = [:]
            for path in ["/public/", "/public/index.html", "/public/textes/avis-2026-01.html", "/public/deliberations.csv",
                         "/public/deliberations.json", "/public/textes/avis-2026-02.html"] {
                let answer = try await RawRequest.send(server.url, .GET, path, version: nil)
                pages[path] = String(decoding: answer.body, as: UTF8.self)
                #expect(answer.status == (path.hasSuffix("avis-2026-02.html") ? 404 : 200), "\(path)")
            }
            for (path, body) in pages {
                #expect(!body.contains(Self.marker), "\(path) leaks the confidential marker")
                #expect(!body.contains("Brouillon"), "\(path) shows a draft")
            }
            #expect(pages["/public/"]?.contains("Inclusion numérique") == true)
            #expect(pages["/public/textes/avis-2026-01.html"]?.contains("Le conseil recommande des médiateurs numériques.") == true)
            #expect(pages["/public/textes/avis-2026-01.html"]?.contains("18 pour, 2 contre, 1 abstention(s)") == true)
            let csv = try #require(pages["/public/deliberations.csv"])
            #expect(csv.hasPrefix(SCDLDeliberations.columns.joined(separator: ",") + "\r\n"))
            #expect(csv.contains("avis-2026-01,2026-03-12"))
            #expect(csv.contains("/public/textes/avis-2026-01.html"))
        }
    }
}
