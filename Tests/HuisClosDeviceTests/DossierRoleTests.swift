import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
@testable import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosPublication
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import NIOHTTP1
import Testing

/// Who may write the council-scope records HuisClosDossiers keeps (`CouncilWriteRules.dossierRule`)
/// and who may publish (`Role.actsForTheCouncil`): refused with the rule's words before anything is
/// written, and refused again by the relay and by every replica when a tampered client sends it.
@Suite(.tags(.slow)) struct DossierRoleTests {
    /// Expects `body` to be refused by the device's authorizer with the council rule whose French
    /// text contains `words`.
    static func refused(_ words: String, _ body: () throws -> Void) {
        let error = #expect(throws: ChangeError.self) { try body() }
        let rule = error?.cause as? CouncilError
        #expect(rule?.code == .roleRequired)
        #expect(rule?.text.french.contains(words) == true, "\(String(describing: error))")
    }

    static let day = Day(iso: "2026-03-12")!
    static func vote() throws -> PublishedText.Vote { try PublishedText.Vote(seated: 3, voting: 3, inFavour: 3, against: 0, abstaining: 0) }

    @Test func eachDossierRecordOfTheCouncilScopeIsWrittenOnlyByItsOffice() async throws {
        try await TestServer.with("roles-dossiers") { server in
            let (council, president, alice, _) = try await CouncilRoleTests.council(on: server)
            defer { council.remove() }
            let secretariat = council.secretariat
            Self.refused("déposés par la présidence ou le secrétariat") {
                try alice.store.commitLocal([.set(try RecordKey(kind: DossierRecords.Kind.dossier, id: "budget"), field: "title", value: .text("Budget"))],
                                            scope: .council)
            }
            Self.refused("Le secrétariat enregistre les saisines") {
                try Referrals(store: president.store).receive("sa-1", subject: "Inclusion", origin: .departmentalPresident, on: Self.day)
            }
            Self.refused("Seule la présidence crée un groupe") {
                try WorkingGroupRoster(store: secretariat.store).record("mobilite", members: [alice.member.hex], supplementaryMembers: [], on: Self.day)
            }
            Self.refused("registre des auditions") {
                try HearingRegister(store: president.store).record("h-1", guest: "g", guestName: "Dr Roux", dossier: "budget", on: Self.day, expiry: 0)
            }
            // A member drafts, but does not record the adoption nor publish.
            try AvisDrafts(store: alice.store).create(id: "a-1", title: "Avis inclusion", kind: .avis)
            try AvisDrafts(store: alice.store).write("Le conseil recommande.", paragraph: "p1", of: "a-1")
            _ = try await alice.sync()
            _ = try await secretariat.sync()
            Self.refused("premier cercle en fonction rédige") {
                try AvisDrafts(store: secretariat.store).write("Texte du secrétariat", paragraph: "p1", of: "a-1")
            }
            Self.refused("enregistrées par la présidence ou le secrétariat") {
                try AvisDrafts(store: alice.store).adopt("a-1", seance: "s1", on: Self.day, vote: try Self.vote())
            }
            try AvisDrafts(store: president.store).create(id: "a-2", title: "Programme", kind: .programme)
            try AvisDrafts(store: president.store).adopt("a-2", seance: "s1", on: Self.day, vote: try Self.vote())
            try AvisDrafts(store: alice.store).create(id: "a-3", title: "Avis copié", kind: .avis)
            let aliceDraft = try alice.store.outbox().count
            try alice.store.commitLocal([.set(try RecordKey(kind: DossierRecords.Kind.avis, id: "a-3"), field: "status", value: .text("draft"))], scope: .council)
            #expect(try alice.store.outbox().count == aliceDraft + 1, "a member may still write a draft's own fields")
            Self.refused("Seules la présidence et le secrétariat publient") {
                try alice.store.commitLocal([try PublicCatalog.publishChange(try AvisDrafts(store: president.store).adoptedText("a-2"))], scope: .public)
            }
            #expect(try alice.store.outbox().allSatisfy { $0.scope == .council }, "nothing refused was queued")
            #expect(try AvisDrafts(store: alice.store).draft("a-1").status == .draft)

            // Their offices go through.
            try Referrals(store: secretariat.store).receive("sa-1", subject: "Inclusion", origin: .departmentalPresident, on: Self.day)
            try WorkingGroupRoster(store: president.store).record("mobilite", members: [alice.member.hex], supplementaryMembers: [], on: Self.day)
            try HearingRegister(store: secretariat.store).record("h-1", guest: "g", guestName: "Dr Roux", dossier: "budget", on: Self.day, expiry: 0)
            #expect(try AvisDrafts(store: president.store).publish("a-2").id == "a-2")
        }
    }

    @Test func aPublicationOrAnAdoptionATamperedMemberSignsIsRefusedByTheRelayAndEveryReplica() async throws {
        try await TestServer.with("roles-publication") { server in
            let (council, president, alice, bob) = try await CouncilRoleTests.council(on: server)
            defer { council.remove() }
            let text = try PublishedText(id: "faux", kind: .avis, title: "Avis jamais adopté", adoptedOn: Self.day, seance: "s1",
                                         vote: try Self.vote(), paragraphs: ["Texte publié en fraude."])
            let forgedPublication = try await CouncilRoleTests.forge(by: alice, [try PublicCatalog.publishChange(text)], in: .public)
            let pushed = try await SyncClient(server: server.url, device: await alice.identity.signing).push([forgedPublication])
            #expect(pushed.allSatisfy { $0.status != .accepted }, "the relay refuses a public batch from a member: \(pushed)")
            let page = try await RawRequest.send(server.url, .GET, "/public/deliberations.json", version: nil)
            #expect(!String(decoding: page.body, as: UTF8.self).contains("faux"))

            let avis = try RecordKey(kind: DossierRecords.Kind.avis, id: "a-1")
            let forgedAdoption = try await CouncilRoleTests.forge(by: bob, [
                .set(avis, field: "title", value: .text("Avis inclusion")), .set(avis, field: "status", value: .text("adopted")),
                .set(avis, field: "seance", value: .text("s1")), .set(avis, field: "adopted_on", value: .text(Self.day.iso)),
            ])
            #expect(try await SyncClient(server: server.url, device: await bob.identity.signing).push([forgedAdoption])
                .allSatisfy { $0.status == .accepted }, "the relay cannot read the council scope: it relays")
            for replica in [council.secretariat, president, alice] {
                let report = try await replica.sync()
                #expect(report.batches.pulled.rejected[forgedAdoption.id]?.english.contains("recorded by the president or the secretariat") == true)
                #expect(try AvisDrafts(store: replica.store).list().isEmpty)
            }
        }
    }
}
