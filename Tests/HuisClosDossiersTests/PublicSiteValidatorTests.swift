import Foundation
import GRDB
import HuisClosCouncil
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosPublication
import HuisClosServer
import HuisClosStore
import HuisClosSync
import HuisClosWire
import HuisClosTestSupport
import NIOHTTP1
import Testing

/// The public site as a visitor gets it from a real relay, run through the official validators a
/// departmental web team uses (scripts/check-public-site.py): Validata over the SCDL open data,
/// the W3C Nu Html Checker over every page and the report, axe-core in headless Chromium.
/// `scripts/setup.sh` installs them (`ProjectTools`).
@Suite(.enabled(if: ProjectTools.enabled), .tags(.slow))
struct PublicSiteValidatorTests {
    @Test func servedPagesOpenDataAndReportPassValidataNuAndAxe() async throws {
        let folder = try TemporaryFolder("public-validators")
        defer { folder.remove() }
        let settings = #"""
            {"name": "Conseil numérique de la Seine-Saint-Denis", "siret": "22930008201453", "subjectCode": "9.4",
             "subjectName": "Voeux et motions", "contact": "conseil-numerique@example.fr", "director": "La présidente du conseil",
             "address": "Hôtel du Département, 93006 Bobigny", "host": "Direction des systèmes d'information du Département"}
            """#
        let data = folder.url.appendingPathComponent("data")
        let site = folder.url.appendingPathComponent("site")
        for sub in [data, site.appendingPathComponent("textes"), site.appendingPathComponent("consultations"),
                    site.appendingPathComponent(PublicSite.minutesFolder)] {
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        }
        try Data(settings.utf8).write(to: data.appendingPathComponent("public-site.json"))
        let server = try await TestServer.start(folder: data) { $0.publicURL = "https://conseil.example.org/public" }
        do {
            try await PublicURLTests.publishOneAvis(on: server)
            try await Self.publishMinutes(on: server)
            for path in ["index.html", "textes/avis-2026-07.html", "proces-verbaux/s-2026-05.html", "accessibilite.html", "mentions-legales.html",
                         "deliberations.csv"] {
                let body = try await PublicURLTests.page(server, "/public/\(path)")
                try Data(body.utf8).write(to: site.appendingPathComponent(path))
            }
            // The page a visitor gets for a text that is not published is checked as the others.
            let missing = try await RawRequest.send(server.url, .GET, "/public/textes/inconnu.html", version: nil)
            #expect(missing.status == 404)
            try Data(missing.body).write(to: site.appendingPathComponent("textes/inconnu.html"))
            // A consultation's form, and the form again after a refusal (the error announced).
            try await Self.announceConsultation(on: server)
            let form = try await PublicURLTests.page(server, "/public/consultations/c-2026-01.html")
            try Data(form.utf8).write(to: site.appendingPathComponent("consultations/c-2026-01.html"))
            let refused = try await RawRequest.send(server.url, .POST, "/public/consultations/c-2026-01", body: Array("contribution=&nom=&courriel=".utf8),
                                                    contentType: "application/x-www-form-urlencoded", version: nil)
            #expect(refused.status == 400)
            try Data(refused.body).write(to: site.appendingPathComponent("consultations/refus.html"))
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        let report = ActivityReport(
            year: 2026,
            seances: [.init(id: "s1", day: Day(iso: "2026-06-11")!, expected: ["Alice Martin", "Héloïse Bernard"], present: ["Alice Martin"])],
            adopted: [], referrals: [], groups: [], hearings: [])
        try Data(report.html(councilName: "Conseil numérique").utf8).write(to: site.appendingPathComponent("rapport.html"))
        try Data(AttendanceChart.svg(report.attendance, year: 2026).utf8).write(to: site.appendingPathComponent("assiduite.svg"))

        let checked = try await ProjectTools.run("python3", [ProjectTools.repository.appendingPathComponent("scripts/check-public-site.py").path, site.path])
        let printed = checked.output + checked.errors
        #expect(checked.status == 0, "\(printed)")
        #expect(printed.contains("validata: deliberations.csv: valid against SCDL Délibérations 2.1.5"), "\(printed)")
        #expect(printed.contains("axe: accessibilite.html: 0 serious/critical"), "\(printed)")
        #expect(printed.contains("axe: s-2026-05.html: 0 serious/critical"), "\(printed)")
        #expect(printed.contains("axe: inconnu.html: 0 serious/critical"), "\(printed)")
        #expect(printed.contains("axe: c-2026-01.html: 0 serious/critical"), "\(printed)")
        #expect(printed.contains("axe: refus.html: 0 serious/critical"), "\(printed)")
    }

    /// Publishes the approved minutes of séance s-2026-05 through `server` (the public scope's plain batches).
    static func publishMinutes(on server: TestServer) async throws {
        let device = try await TestDevice.enrolled(on: server.url, access: DeviceAccess(readable: [.public], writable: [.public]))
        let store = try ChangeStore(database: DatabaseQueue(), device: device.key,
                                    authorizer: KnownDevicesAuthorizer(devices: [device.key.publicKey]))
        let paragraphs = ["Séance du 12 mai 2026, à Bobigny : 15 présents sur 20 membres en fonction, quorum atteint.",
                          "Point 1 — Données ouvertes. Le rapporteur présente le projet d'avis."]
        let minutes = try PublishedMinutes(seance: "s-2026-05", day: Day(iso: "2026-05-12")!,
                                           approval: .init(seance: "s-2026-06", day: Day(iso: "2026-06-11")!, present: 15, inFavour: 14, against: 0, abstaining: 1),
                                           paragraphs: paragraphs, textSHA256: Hex.encode(SHA2.sha256(Array(paragraphs.joined(separator: "\n\n").utf8))))
        try store.commitLocal([try PublicCatalog.publishMinutesChange(minutes)], scope: .public)
        _ = try await device.client.push(try store.outbox())
    }

    /// Announces an open public consultation through `server` (the public scope's plain batches).
    static func announceConsultation(on server: TestServer) async throws {
        let device = try await TestDevice.enrolled(on: server.url, access: DeviceAccess(readable: [.public], writable: [.public]))
        let store = try ChangeStore(database: DatabaseQueue(), device: device.key,
                                    authorizer: KnownDevicesAuthorizer(devices: [device.key.publicKey]))
        let consultation = try Consultation(id: "c-2026-01", topic: "Mobilités du quotidien", question: "Que proposez-vous pour vos trajets ?",
                                            audience: .public, closesAt: 4_102_444_800,
                                            publicKey: Hex.encode(try AgreementKeyPair.generate().publicKey.bytes))
        try store.commitLocal([try PublicCatalog.announceChange(consultation)], scope: .public)
        _ = try await device.client.push(try store.outbox())
    }
}
