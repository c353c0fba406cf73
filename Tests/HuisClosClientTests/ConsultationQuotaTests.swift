import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosPublication
import HuisClosServer
import HuisClosStore
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Contributions count against the council's storage quota (issues 14 and 18): a flood of
/// contributions from many addresses, each under the per-address limit, cannot fill the relay's disk.
@Suite(.tags(.slow)) struct ConsultationQuotaTests {
    /// 4 MiB: a fresh council with two consultations takes well under half of it.
    static let quota: Int64 = 4 << 20
    /// The room left once the council is nearly full: less than one contribution of `text` takes.
    static let room: Int64 = 12_000
    /// 8,000 characters of two UTF-8 bytes each: 16,000 bytes sealed, more than `room`; 48 KB percent-encoded, under the form's limit.
    static let text = String(repeating: "é", count: ContributionLimits.textCharactersMax)

    /// Runs `body` on a council whose relay allows `quota` bytes, with a public consultation
    /// (`c-public`) and a second-circle one (`c-cercle`) open for a day, and the session of Bob,
    /// of the second circle.
    static func withTwoConsultations(_ label: String,
                                     _ body: (TestServer, ClientCouncil, CouncilSession) async throws -> Void) async throws {
        let clock = ManualClock()
        try await TestServer.with(label, configure: {
            $0.clock = clock.serverClock
            $0.quotas.councilStorageBytesMax = Self.quota
        }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let secretariat = try await council.secretariat.councilSession()
            let closesAt = secretariat.instant.unixSeconds + 86_400
            _ = try await secretariat.openConsultation("c-public", topic: "Mobilités", question: "Que proposez-vous ?", audience: .public,
                                                       closesAt: closesAt, dossiers: [])
            _ = try await secretariat.openConsultation("c-cercle", topic: "Charte", question: "Qu'ajouter ?", audience: .secondCircle,
                                                       closesAt: closesAt, dossiers: [])
            let bob = try await council.enrol("bob", role: .secondCircle)
            try await body(server, council, try await ClientSession(device: bob, clock: clock).councilSession())
        }
    }

    @Test func aCouncilNearItsQuotaRefusesPublicAndSecondCircleContributions() async throws {
        try await Self.withTwoConsultations("consultation-quota") { server, council, bobSession in

            // Another consultation's contributions (random bytes: nothing compresses them) fill the council to `room` under its quota.
            var stored = try await server.storage.storedBytes()
            #expect(stored < Self.quota / 2, "a fresh council takes \(stored) bytes")
            while stored + Self.room <= Self.quota {
                let step = Int(max(1_000, min(64 * 1024, (Self.quota - Self.room - stored) / 2)))
                _ = try await server.storage.storeContribution((0..<step).map { _ in UInt8.random(in: 0...255) }, consultation: "c-remplie",
                                                               receivedAt: council.clock.now(), max: ContributionLimits.perConsultationMax)
                stored = try await server.storage.storedBytes()
            }

            // The public form: refused with the quota's page, French first, English below; nothing stored.
            let challenge = try #require(ConsultationTests.challenge(in: try await ConsultationTests.page(server, "/public/consultations/c-public.html")))
            let answer = try await ConsultationTests.submit(server, "c-public", text: Self.text, challenge: challenge,
                                                            proof: ContributionPuzzle.solve(challenge))
            let page = String(decoding: answer.body, as: UTF8.self)
            #expect(answer.status == 507)
            let refusal = ContributionRefusal(.councilFull).text
            #expect(page.contains(Escaping.html(refusal.french)) && page.contains(Escaping.html(refusal.english)), "\(page.prefix(2_000))")
            let french = try #require(page.range(of: "ne peut pas recevoir davantage")), english = try #require(page.range(of: "cannot take more"))
            #expect(french.lowerBound < english.lowerBound, "French first")
            #expect(try await server.storage.contributions(of: "c-public", after: 0, maxCount: 10).isEmpty)

            // A second-circle device: `councilQuotaExceeded`, nothing stored.
            do {
                try await bobSession.contribute(Self.text, to: "c-cercle")
                Issue.record("a second-circle contribution passed the council's quota")
            } catch let error as APIError {
                #expect(error.code == .councilQuotaExceeded)
            }
            #expect(try await server.storage.contributions(of: "c-cercle", after: 0, maxCount: 10).isEmpty)
        }
    }

    /// The attacker's review (LOW): contributions — anonymous ones included — fill at most their
    /// share of the council's quota (`RelayQuotas.contributionsSharePercent`), so a flood of them
    /// cannot take the room the members' pushes need.
    @Test func contributionsFillOnlyTheirShareOfTheQuotaAndMembersStillPush() async throws {
        try await Self.withTwoConsultations("consultation-share") { server, council, bobSession in

            // Another consultation's contributions fill their share (a quarter of 4 MiB) to `room` under it.
            let share = Self.quota * Int64(ServerLimits.contributionsSharePercent) / 100
            var contributed: Int64 = 0
            while contributed + Self.room <= share {
                let step = Int(max(1_000, min(64 * 1024, (share - Self.room - contributed) / 2 + 1)))
                _ = try await server.storage.storeContribution((0..<step).map { _ in UInt8.random(in: 0...255) }, consultation: "c-remplie",
                                                               receivedAt: council.clock.now(), max: ContributionLimits.perConsultationMax)
                contributed += Int64(step)
            }
            let stored = try await server.storage.storedBytes()
            #expect(stored + 1_000_000 < Self.quota, "the council's quota itself has room: \(stored) of \(Self.quota)")

            // The public form and a second-circle device are refused; nothing stored.
            let challenge = try #require(ConsultationTests.challenge(in: try await ConsultationTests.page(server, "/public/consultations/c-public.html")))
            let answer = try await ConsultationTests.submit(server, "c-public", text: Self.text, challenge: challenge,
                                                            proof: ContributionPuzzle.solve(challenge))
            #expect(answer.status == 507, "\(String(decoding: answer.body, as: UTF8.self).prefix(2_000))")
            #expect(try await server.storage.contributions(of: "c-public", after: 0, maxCount: 10).isEmpty)
            do {
                try await bobSession.contribute(Self.text, to: "c-cercle")
                Issue.record("a second-circle contribution passed the contributions' share of the quota")
            } catch let error as APIError {
                #expect(error.code == .councilQuotaExceeded)
                #expect(error.text.french.contains("part des contributions") && error.text.english.contains("contributions' share"), "\(error)")
            }
            #expect(try await server.storage.contributions(of: "c-cercle", after: 0, maxCount: 10).isEmpty)

            // A member's push still has room.
            let secretariat = try await council.secretariat.councilSession()
            _ = try await secretariat.openConsultation("c-suivante", topic: "Budget", question: "Quelles priorités ?", audience: .public,
                                                       closesAt: secretariat.instant.unixSeconds + 86_400, dossiers: [])
            _ = try await council.secretariat.device.sync()
            #expect(try council.secretariat.device.store.outbox().isEmpty, "the secretariat's push was stored")
        }
    }
}
