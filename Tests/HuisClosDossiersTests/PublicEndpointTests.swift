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

    /// The attacker's review of the minutes fix: the catalog read the public scope's first 10,000
    /// batches and no further, so a device that may write `public` froze the site by flooding it.
    /// A text published after 10,000 other public batches must be served.
    @Test func aTextPublishedAfterTenThousandPublicBatchesIsServed() async throws {
        try await TestServer.with("public-flood") { server in
            let device = try await TestDevice.enrolled(on: server.url,
                access: DeviceAccess(readable: [.council, .public], writable: [.council, .public]))
            let store = try ChangeStore(database: DatabaseQueue(), device: device.key,
                                        authorizer: KnownDevicesAuthorizer(devices: [device.key.publicKey]))
            for index in 0..<10_000 {
                try store.commitLocal([.set(try RecordKey(kind: "bruit", id: "b\(index)"), field: "x", value: .text("\(index)"))], scope: .public)
            }
            let drafts = AvisDrafts(store: store)
            try drafts.create(id: "avis-2026-09", title: "Publié après le flot", kind: .avis)
            try drafts.write("Texte adopté.", paragraph: "010", of: "avis-2026-09")
            try drafts.adopt("avis-2026-09", seance: "s-2026-09", on: Day(iso: "2026-09-10")!,
                             vote: try .init(seated: 28, voting: 21, inFavour: 18, against: 2, abstaining: 1))
            try drafts.publish("avis-2026-09")
            let outbox = try store.outbox()
            for start in stride(from: 0, to: outbox.count, by: WireLimits.pushBatchesMax) {
                _ = try await device.client.push(Array(outbox[start..<min(start + WireLimits.pushBatchesMax, outbox.count)]))
            }
            let page = try await RawRequest.send(server.url, .GET, "/public/", version: nil)
            #expect(page.status == 200 && String(decoding: page.body, as: UTF8.self).contains("Publié après le flot"))
        }
    }
}
