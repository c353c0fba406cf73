import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosDevice
import HuisClosDossiers
import HuisClosProtocol
import HuisClosPublication
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import NIOHTTP1
import Testing

/// Consultations end to end (`Protocol/CONSULTATIONS.md`): the public form on a real relay, the
/// contribution sealed on arrival and opened on a member's device, the form's refusals, the second
/// circle contributing from its devices, and who may read.
@Suite(.tags(.slow)) struct ConsultationTests {
    static let marker = "CONTRIBUTION-SECRETE-4B7E1"
    static let nameMarker = "NOM-SECRET-9C2D5"

    @Test func aPublicContributionThroughTheFormLandsSealedAndOpensOnAMembersDevice() async throws {
        let clock = ManualClock()
        try await TestServer.with("consultation-form", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let secretariat = try await council.secretariat.councilSession()
            _ = try await secretariat.openConsultation("c-mobilites", topic: "Mobilités du quotidien", question: "Que proposez-vous ?",
                                                       audience: .public, closesAt: secretariat.instant.unixSeconds + 7 * 86_400, dossiers: [])
            let index = try await Self.page(server, "/public/")
            #expect(index.contains("consultations/c-mobilites.html"), "the index lists the open consultation")
            for path in ["/public/", "/public/accessibilite.html", "/public/consultations/c-mobilites.html", "/public/textes/absent.html"] {
                try await Self.expectOwnStyleAndScriptOnly(server, path)
            }

            let form = try await Self.page(server, "/public/consultations/c-mobilites.html")
            #expect(form.contains("<label for=\"contribution\">") && form.contains("<label for=\"nom\">") && form.contains("<label for=\"courriel\">"))
            let challenge = try #require(Self.challenge(in: form))
            let answer = try await Self.submit(server, "c-mobilites", text: "Des pistes cyclables. \(Self.marker)", name: Self.nameMarker,
                                               email: "jeanne@exemple.fr", challenge: challenge, proof: ContributionPuzzle.solve(challenge))
            #expect(answer.status == 200)
            #expect(String(decoding: answer.body, as: UTF8.self).contains("Contribution reçue"))

            for marker in [Self.marker, Self.nameMarker, "jeanne@exemple.fr"] {
                #expect(try Self.filesHolding(marker, under: server.folder).isEmpty, "the relay's data folder holds \(marker) in clear")
            }
            let alice = try await council.enrol("alice")
            let member = try await ClientSession(device: alice, clock: clock).councilSession()
            let (opened, unreadable) = try await member.contributions("c-mobilites")
            #expect(unreadable == 0)
            #expect(opened.map(\.text) == ["Des pistes cyclables. \(Self.marker)"])
            #expect(opened.first?.name == Self.nameMarker && opened.first?.email == "jeanne@exemple.fr" && opened.first?.origin == "public")
            try await member.tagContribution("c-mobilites", position: 1, as: .retained)
            #expect(try await member.contributions("c-mobilites").opened.first?.tag == "retenue")
        }
    }

    @Test func theFormRefusesWithoutProofOverSizeOverTheAddressLimitAndAfterClosing() async throws {
        let clock = ManualClock()
        try await TestServer.with("consultation-refusals", configure: {
            $0.clock = clock.serverClock
            $0.quotas.contributionsPerAddressPerWindowMax = 4
        }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let secretariat = try await council.secretariat.councilSession()
            let closesAt = secretariat.instant.unixSeconds + 86_400
            _ = try await secretariat.openConsultation("c-budget", topic: "Budget participatif", question: "Quels projets ?", audience: .public,
                                                       closesAt: closesAt, dossiers: [])
            // Without a proof, at once: refused, the refusal announced, the text kept (attempt 1 from 127.0.0.1).
            let challenge = try #require(Self.challenge(in: try await Self.page(server, "/public/consultations/c-budget.html")))
            let unproved = try await Self.submit(server, "c-budget", text: "Texte gardé", challenge: challenge, proof: "")
            let unprovedPage = String(decoding: unproved.body, as: UTF8.self)
            #expect(unproved.status == 400)
            #expect(unprovedPage.contains("role=\"alert\"") && unprovedPage.contains("anti-abus") && unprovedPage.contains(">Texte gardé</textarea>"))
            // A wrong proof: refused (attempt 2).
            #expect(try await Self.submit(server, "c-budget", text: "Texte", challenge: challenge, proof: "1").status == 400)
            // Over the size limit: refused before anything is stored (attempt 3).
            let long = String(repeating: "a", count: ContributionLimits.textCharactersMax + 1)
            let tooLong = try await Self.submit(server, "c-budget", text: long, challenge: challenge, proof: ContributionPuzzle.solve(challenge))
            #expect(tooLong.status == 413)
            #expect(String(decoding: tooLong.body, as: UTF8.self).contains("raccourcissez"))
            // Without JavaScript, the same challenge a minute later passes (attempt 4), and serves once.
            clock.advance(seconds: Double(ContributionPuzzle.noScriptWaitSeconds))
            #expect(try await Self.submit(server, "c-budget", text: "Sans script", challenge: challenge, proof: "").status == 200)
            // The fifth attempt from this address within the hour: refused, whatever its proof.
            let fresh = try #require(Self.challenge(in: try await Self.page(server, "/public/consultations/c-budget.html")))
            let limited = try await Self.submit(server, "c-budget", text: "Encore", challenge: fresh, proof: ContributionPuzzle.solve(fresh))
            #expect(limited.status == 429)
            #expect(String(decoding: limited.body, as: UTF8.self).contains("réessayez dans une heure"))
            // Another address is not limited; its reuse of a used challenge is refused.
            #expect(try await Self.submit(server, "c-budget", text: "Autre adresse", challenge: fresh, proof: ContributionPuzzle.solve(fresh),
                                          source: "127.0.0.2").status == 200)
            #expect(try await Self.submit(server, "c-budget", text: "Rejouée", challenge: fresh, proof: ContributionPuzzle.solve(fresh),
                                          source: "127.0.0.3").status == 400)
            // After the closing date: the form and the submission answer « close ».
            let late = try #require(Self.challenge(in: try await Self.page(server, "/public/consultations/c-budget.html")))
            clock.advance(seconds: 86_400)
            let closed = try await Self.submit(server, "c-budget", text: "Trop tard", challenge: late, proof: ContributionPuzzle.solve(late),
                                               source: "127.0.0.4")
            #expect(closed.status == 410)
            #expect(String(decoding: closed.body, as: UTF8.self).contains("consultation est close"))
            #expect(try await RawRequest.send(server.url, .GET, "/public/consultations/c-budget.html", version: nil).status == 410)
            let stored = try await server.storage.contributions(of: "c-budget", after: 0, maxCount: 100)
            #expect(stored.count == 2, "only the two accepted contributions are stored")
        }
    }

    @Test func aSecondCircleDeviceContributesAndOnlyTheCouncilsMembersReadIt() async throws {
        let clock = ManualClock()
        try await TestServer.with("consultation-second-circle", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let secretariat = try await council.secretariat.councilSession()
            let consultation = try await secretariat.openConsultation("c-cercle", topic: "Charte du numérique", question: "Qu'ajouter ?",
                                                                      audience: .secondCircle, closesAt: secretariat.instant.unixSeconds + 86_400,
                                                                      dossiers: [])
            let bob = try await council.enrol("bob", role: .secondCircle)
            let alice = try await council.enrol("alice")
            let bobSession = try await ClientSession(device: bob, clock: clock).councilSession()
            try await bobSession.contribute("Ajouter l'inclusion. \(Self.marker)", to: "c-cercle")
            #expect(try Self.filesHolding(Self.marker, under: server.folder).isEmpty, "the relay's data folder holds the contribution in clear")

            let member = try await ClientSession(device: alice, clock: clock).councilSession()
            let (opened, unreadable) = try await member.contributions("c-cercle")
            #expect(unreadable == 0 && opened.map(\.text) == ["Ajouter l'inclusion. \(Self.marker)"])
            #expect(opened.first?.origin == "second-cercle" && opened.first?.author != nil)

            // The second circle's own device, a member's device posting, a guest: refused by the relay.
            await #expect(throws: APIError.self) { _ = try await bob.relayClient.contributions(of: "c-cercle", after: 0) }
            let sealed = try Contribution(consultation: "c-cercle", origin: .public, text: "Usurpée").sealed(to: consultation.sealingKey)
            await #expect(throws: APIError.self) { try await alice.relayClient.contribute(sealed: sealed, to: "c-cercle") }
            let budget = try await council.secretariat.addDossierVersion(file: try council.file("budget.txt", "Budget"), scope: .council,
                                                                         id: nil, title: nil, attachedTo: "")
            let hearing = try await council.secretariat.openHearing("h-1", guestName: "Dr Roux", dossier: budget.dossier,
                                                                    until: council.secretariat.instant.adding(seconds: 3_600), order: nil,
                                                                    adminToken: { TestServer.adminToken })
            let guest = try await council.enrolDevice("invitee", of: try MemberID(bytes: try #require(Hex.decode(hearing.member))))
            do {
                _ = try await guest.relayClient.contributions(of: "c-cercle", after: 0)
                Issue.record("a hearing's guest read the consultation's contributions")
            } catch let error as APIError {
                #expect(error.code == .forbidden)
            }
            // The public form of a second-circle consultation does not exist.
            #expect(try await RawRequest.send(server.url, .GET, "/public/consultations/c-cercle.html", version: nil).status == 403)
        }
    }

    // MARK: Helpers

    /// Every public page forbids what it does not carry: no script or style but its own (named
    /// by their SHA-256), no form sent elsewhere, no framing. Markup that ever got past the
    /// escaping (the attacker review of the app, finding 1, reached the public site) runs nothing.
    static func expectOwnStyleAndScriptOnly(_ server: TestServer, _ path: String) async throws {
        let answer = try await RawRequest.send(server.url, .GET, path, version: nil)
        let policy = try #require(answer.contentSecurityPolicy, "\(path) has no Content-Security-Policy")
        #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'")
                && policy.contains("base-uri 'none'"), "\(path): \(policy)")
        let html = String(decoding: answer.body, as: UTF8.self)
        for tag in ["style", "script"] {
            var rest = html[...]
            while let open = rest.range(of: "<\(tag)>"), let close = rest.range(of: "</\(tag)>", range: open.upperBound..<rest.endIndex) {
                let digest = Data(SHA2.sha256(Array(rest[open.upperBound..<close.lowerBound].utf8))).base64EncodedString()
                #expect(policy.contains("'sha256-\(digest)'"), "\(path): its <\(tag)> is not allowed by \(policy)")
                rest = rest[close.upperBound...]
            }
        }
    }

    static func page(_ server: TestServer, _ path: String) async throws -> String {
        let answer = try await RawRequest.send(server.url, .GET, path, version: nil)
        #expect(answer.status == 200, "\(path)")
        return String(decoding: answer.body, as: UTF8.self)
    }

    /// The challenge the form carries in its hidden `defi` field.
    static func challenge(in form: String) -> String? {
        guard let start = form.range(of: "name=\"defi\" value=\"") else { return nil }
        return String(form[start.upperBound...].prefix { $0 != "\"" })
    }

    /// Sends the form as a browser does (`application/x-www-form-urlencoded`), from `source`.
    static func submit(_ server: TestServer, _ id: String, text: String, name: String = "", email: String = "", challenge: String,
                       proof: String, source: String = "127.0.0.1") async throws -> RawRequest.Answer {
        let fields = [("contribution", text), ("nom", name), ("courriel", email), ("defi", challenge), ("preuve", proof)]
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
        return try await RawRequest.post(port: server.port, source: source, "/public/consultations/\(id)", body: Array(body.utf8),
                                         contentType: "application/x-www-form-urlencoded")
    }

    /// The files under `folder` whose bytes contain `marker`.
    static func filesHolding(_ marker: String, under folder: URL) throws -> [String] {
        let needle = Data(marker.utf8)
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { url in
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { return false }
            return try Data(contentsOf: url).range(of: needle) != nil
        }.map(\.lastPathComponent)
    }
}
