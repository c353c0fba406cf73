import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosProtocol
import HuisClosPublication
import HuisClosServer
import HuisClosStore
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import NIOHTTP1
import Testing

/// A council whose séance s1 was held (the president and Karim present, an avis adopted) and whose
/// later séance s2 was held with the same two present: the ground every minutes test stands on.
struct MinutesFixture {
    let council: ClientCouncil
    let president: Device
    let karim: Device

    /// The session of `device` on the council's clock.
    func session(_ device: Device) async throws -> CouncilSession {
        try await ClientSession(device: device, clock: council.clock).councilSession()
    }

    /// The secretariat's session now.
    func secretariat() async throws -> CouncilSession { try await council.secretariat.councilSession() }

    /// Minutes of s1 approved at s2 with an invented text and vote, signed by `signature` (none by
    /// default): what a stolen device that may write the public scope could forge.
    func inventedMinutes(signedBy signature: ((PublishedMinutes) async throws -> MinutesSignature)? = nil) async throws -> PublishedMinutes {
        let secretariat = try await secretariat()
        let paragraphs = ["Texte inventé : le conseil approuve tout."]
        let unsigned = try PublishedMinutes(
            seance: "s1", day: try secretariat.council.seance("s1").date,
            approval: .init(seance: "s2", day: try secretariat.council.seance("s2").date, present: 2, inFavour: 2, against: 0, abstaining: 0),
            paragraphs: paragraphs, textSHA256: Hex.encode(SHA2.sha256(Array(paragraphs.joined(separator: "\n\n").utf8))))
        guard let signature else { return unsigned }
        return try PublishedMinutes(seance: unsigned.seance, day: unsigned.day, approval: unsigned.approval, paragraphs: unsigned.paragraphs,
                                    textSHA256: unsigned.textSHA256, signature: try await signature(unsigned))
    }

    /// Writes `minutes` in the public scope from the secretariat's device (as a stolen one could),
    /// syncs every device, and returns the relay's page of their séance.
    func publishedBySecretariat(_ minutes: PublishedMinutes) async throws -> (status: UInt, html: String) {
        try council.secretariat.device.store.commitLocal([try PublicCatalog.publishMinutesChange(minutes)], scope: .public)
        try await syncAll()
        let page = try await RawRequest.send(council.server.url, .GET, "/public/proces-verbaux/\(minutes.seance).html", version: nil)
        return (page.status, String(decoding: page.body, as: UTF8.self))
    }

    /// Every device syncs, the secretariat last and first, so each holds every other's writes.
    func syncAll() async throws {
        for device in [council.secretariat.device, president, karim, council.secretariat.device, president, karim] {
            _ = try await device.sync()
        }
    }

    /// Sets up the council: the president and Karim appointed with their names, s1 (an agenda item)
    /// and s2 convened for the next days, the clock moved past both, both held with the avis
    /// `avis-1` adopted at s1 (2 for).
    static func start(_ council: ClientCouncil) async throws -> MinutesFixture {
        let president = try await council.enrol("presidente", role: .president)
        let karim = try await council.enrol("karim")
        var secretariat = try await council.secretariat.councilSession()
        try secretariat.council.recordProfile(member: president.member.hex, name: "Alice Martin", category: .civilSociety, gender: .female)
        try secretariat.council.recordProfile(member: karim.member.hex, name: "Karim Benali", category: .research, gender: .male)
        let today = secretariat.today.unixSeconds
        _ = try await secretariat.convene("s1", on: try #require(Day(unixSeconds: today + 86_400)), from: TimeOfDay(text: "14:00"),
                                          to: TimeOfDay(text: "17:00"), place: "Bobigny, salle du conseil", urgent: true)
        _ = try await secretariat.addAgendaItem("budget", to: "s1", title: "Budget 2027", dossiers: [])
        _ = try await secretariat.convene("s2", on: try #require(Day(unixSeconds: today + 3 * 86_400)), from: nil, to: nil,
                                          place: "Bobigny", urgent: true)
        try council.secretariat.createAvisDraft("avis-1", title: "Avis sur le budget", kind: .avis, referral: nil)
        _ = try await council.secretariat.device.sync()
        _ = try await president.sync()
        try ClientSession(device: president, clock: council.clock).writeAvisParagraph("Le conseil approuve le budget.", paragraph: "p1", of: "avis-1")
        _ = try await president.sync()
        _ = try await council.secretariat.device.sync()
        council.clock.advance(seconds: 4 * 86_400)
        secretariat = try await council.secretariat.councilSession()
        for seance in ["s1", "s2"] {
            try secretariat.markPresent([president.member.hex, karim.member.hex], at: seance)
            _ = try secretariat.closeAttendance(of: seance)
        }
        try await secretariat.adoptAvis("avis-1", at: "s1", present: 2, voting: 2, inFavour: 2, against: 0, abstaining: 0)
        let fixture = MinutesFixture(council: council, president: president, karim: karim)
        try await fixture.syncAll()
        return fixture
    }

    /// Runs `body` on a fresh fixture on a relay on loopback (no time-stamping authority) whose
    /// public site publishes under `publicSite` (does not publish when nil).
    static func with(_ label: String, publicSite: String? = TestServer.publicSite, _ body: (MinutesFixture) async throws -> Void) async throws {
        let clock = ManualClock()
        try await TestServer.with(label, publicSite: publicSite, configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            try await body(try await start(council))
        }
    }
}
