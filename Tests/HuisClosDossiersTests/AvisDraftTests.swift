import HuisClosCouncil
import HuisClosCrypto
import HuisClosDossiers
import HuisClosEngine
import HuisClosProtocol
import HuisClosPublication
import HuisClosStore
import Testing

@Suite struct AvisDraftTests {
    static func drafts() throws -> [AvisDrafts] {
        try Council.stores(3).map { AvisDrafts(store: $0) }
    }

    /// The attacker's second review: a modified office client writes « adopted » with 1 for and
    /// 3 against; every replica reads it as no adoption, so nothing shows it adopted or publishes it.
    @Test func anAdoptionWhoseVoteAdoptsNothingReadsAsADraftEverywhere() throws {
        let members = try Self.drafts()
        try members[0].create(id: "avis-rejete", title: "Rejeté", kind: .avis)
        let record = try RecordKey(kind: "avis", id: "avis-rejete")
        try members[0].store.commitLocal([
            .set(record, field: "status", value: .text("adopted")), .set(record, field: "seance", value: .text("s1")),
            .set(record, field: "adopted_on", value: .text("2026-03-12")), .set(record, field: "vote_seated", value: .integer(4)),
            .set(record, field: "vote_voting", value: .integer(4)), .set(record, field: "vote_for", value: .integer(1)),
            .set(record, field: "vote_against", value: .integer(3)), .set(record, field: "vote_abstaining", value: .integer(0)),
        ], scope: .council)
        try Council.sync(members.map(\.store))
        for member in members {
            #expect(try member.draft("avis-rejete").status == .draft)
            #expect(throws: DossierError.self) { _ = try member.adoptedText("avis-rejete") }
        }
    }

    /// The attacker's review of this stop: any first-circle member could un-adopt an adopted avis
    /// (« draft » is a drafting status) or change its title and paragraphs after the vote, and the
    /// published, archived text followed. An edit concurrent with the adoption did the same.
    @Test func anAdoptedTextStaysAsAdoptedWhateverAMemberWritesAfterTheVote() throws {
        let members = try Self.drafts()
        try members[0].create(id: "avis-1", title: "Inclusion numérique", kind: .avis)
        try members[0].write("Le conseil recommande.", paragraph: "010", of: "avis-1")
        try Council.sync(members.map(\.store))
        try members[0].adopt("avis-1", seance: "s-1", on: day("2026-03-12"), vote: try .init(seated: 28, voting: 20, inFavour: 20, against: 0, abstaining: 0))
        let adopted = try members[0].adoptedText("avis-1")
        // Concurrent with the vote, then after it from a modified client: another wording, back to draft.
        try members[1].write("Le conseil désapprouve.", paragraph: "010", of: "avis-1")
        try members[1].write("Et ajoute ceci.", paragraph: "020", of: "avis-1")
        try Council.sync(members.map(\.store))
        let record = try RecordKey(kind: "avis", id: "avis-1")
        try members[2].store.commitLocal([.set(record, field: "status", value: .text("draft")), .set(record, field: "title", value: .text("Falsifié")),
                                          .set(record, field: "kind", value: .text("x")), .set(record, field: "referral", value: .text("inventée"))],
                                         scope: .council)
        try Council.sync(members.map(\.store))
        for member in members {
            // The acceptance run: `avis voir` showed the rewritten paragraph as the adopted text.
            let shown = try member.draft("avis-1")
            #expect(shown.status == .adopted && shown.title == "Inclusion numérique" && shown.referral == nil
                    && shown.paragraphs.map(\.versions) == [["Le conseil recommande."]], "\(shown)")
            #expect(try member.adoptedText("avis-1") == adopted)
        }
        #expect(adopted.title == "Inclusion numérique" && adopted.paragraphs == ["Le conseil recommande."])
    }

    @Test func editsToDifferentParagraphsMergeWithoutConflict() throws {
        let members = try Self.drafts()
        try members[0].create(id: "avis-2026-01", title: "Inclusion numérique", kind: .avis)
        try Council.sync(members.map(\.store))
        try members[1].write("Premier paragraphe.", paragraph: "010", of: "avis-2026-01")
        try members[2].write("Deuxième paragraphe.", paragraph: "020", of: "avis-2026-01")
        try Council.sync(members.map(\.store))
        for member in members {
            let draft = try member.draft("avis-2026-01")
            #expect(draft.paragraphs.map(\.versions) == [["Premier paragraphe."], ["Deuxième paragraphe."]])
            #expect(draft.conflicts.isEmpty)
        }
    }

    @Test func concurrentEditsOfOneParagraphConvergeAndTheConflictIsShownOnEveryDevice() throws {
        let members = try Self.drafts()
        try members[0].create(id: "avis-2026-01", title: "Inclusion numérique", kind: .avis)
        try members[0].write("Version initiale.", paragraph: "010", of: "avis-2026-01")
        try Council.sync(members.map(\.store))
        try members[1].write("Version de Bruno.", paragraph: "010", of: "avis-2026-01")
        try members[2].write("Version de Chloé.", paragraph: "010", of: "avis-2026-01")
        try Council.sync(members.map(\.store))
        let seen = try members.map { try $0.draft("avis-2026-01") }
        #expect(seen.allSatisfy { $0 == seen[0] }, "every replica shows the same draft")
        #expect(seen[0].conflicts.map(\.versions) == [["Version de Bruno.", "Version de Chloé."]],
                "both concurrent versions are kept and shown; the initial one is gone")
        #expect(throws: DossierError.self) {
            try members[0].adopt("avis-2026-01", seance: "s-2026-03", on: day("2026-03-12"),
                                 vote: try .init(seated: 28, voting: 20, inFavour: 20, against: 0, abstaining: 0))
        }

        try members[0].write("Version commune.", paragraph: "010", of: "avis-2026-01")
        try Council.sync(members.map(\.store))
        for member in members {
            #expect(try member.draft("avis-2026-01").paragraphs.map(\.versions) == [["Version commune."]])
        }
    }

    @Test func adoptedAvisIsPublishedToThePublicScopeWithItsSeanceAndVote() throws {
        let members = try Self.drafts()
        try members[0].create(id: "avis-2026-01", title: "Inclusion numérique", kind: .avis, referral: "Saisine du 12/01/2026")
        try members[0].write("Le conseil recommande.", paragraph: "010", of: "avis-2026-01")
        #expect(throws: DossierError.self) { try members[0].publish("avis-2026-01") }
        try members[0].adopt("avis-2026-01", seance: "s-2026-03", on: day("2026-03-12"),
                             vote: try .init(seated: 28, voting: 21, inFavour: 18, against: 2, abstaining: 1))
        #expect(throws: DossierError.self) { try members[0].write("Après adoption", paragraph: "010", of: "avis-2026-01") }
        let published = try members[0].publish("avis-2026-01")
        #expect(published.vote.inFavour == 18 && published.seance == "s-2026-03")
        let publicBatches = try members[0].store.pendingBatches(scope: .public, after: 0)
        #expect(publicBatches.count == 1)
        #expect(publicBatches.allSatisfy { $0.bodyKind == .plain })
        let catalog = PublicCatalog(publicBatches: publicBatches.map { ($0.encoded, 0) }, membership: nil)
        #expect(catalog.texts == [published])
        #expect(try members[0].draft("avis-2026-01").status == .published)
    }

    /// The attacker's review: a device whose clock is years ahead (or a stolen one stamping so)
    /// publishes a text; no later withdrawal could beat its timestamp. The public site ignores a
    /// write stamped past its batch's arrival by more than the clock drift; a write within it counts.
    @Test func aPublicationStampedFarAheadOfItsArrivalIsIgnoredSoAWithdrawalStillWorks() throws {
        let stores = try Council.stores(2)
        let ahead = try ChangeStore(database: stores[0].database, device: try Council.device(1),
                                    authorizer: KnownDevicesAuthorizer(devices: [try Council.device(1).publicKey, try Council.device(2).publicKey]),
                                    wallClock: FixedWallClock(ms: Council.start + 10 * 365 * 86_400_000))
        let drafts = AvisDrafts(store: ahead)
        try drafts.create(id: "avis-1", title: "Avis", kind: .avis)
        try drafts.write("Le conseil recommande.", paragraph: "010", of: "avis-1")
        try drafts.adopt("avis-1", seance: "s-1", on: day("2026-03-12"), vote: try .init(seated: 28, voting: 20, inFavour: 20, against: 0, abstaining: 0))
        let published = try drafts.publish("avis-1")
        let far = try ahead.pendingBatches(scope: .public, after: 0).map { ($0.encoded, Council.start) }
        #expect(PublicCatalog(publicBatches: far, membership: nil).texts.isEmpty, "stamped ten years past its arrival")
        #expect(PublicCatalog(publicBatches: far.map { ($0.0, Council.start + 10 * 365 * 86_400_000) }, membership: nil).texts == [published])

        // Within the drift, a write counts and a later withdrawal beats it.
        try stores[1].commitLocal([try PublicCatalog.publishChange(published)], scope: .public)
        let near = try stores[1].pendingBatches(scope: .public, after: 0).map { ($0.encoded, Council.start) }
        #expect(PublicCatalog(publicBatches: far + near, membership: nil).texts == [published])
        try stores[1].commitLocal([.delete(try RecordKey(kind: PublicCatalog.recordKind, id: "avis-1"))], scope: .public)
        let withdrawn = try stores[1].pendingBatches(scope: .public, after: 0).map { ($0.encoded, Council.start) }
        #expect(PublicCatalog(publicBatches: far + withdrawn, membership: nil).texts.isEmpty, "the withdrawal is beaten by a far-future write")
    }
}

/// Issue 18, item 1: a consultation's synthesis is drafted like an avis, adopted once the
/// consultation is closed, and published with its counts (received, retained), frozen at adoption.
@Suite struct ConsultationSynthesisTests {
    @Test func aSynthesisNamesItsConsultationIsAdoptedAfterClosingAndIsPublishedWithItsCounts() throws {
        let store = try Council.stores(1)[0]
        let drafts = AvisDrafts(store: store), consultations = Consultations(store: store)
        let now: Int64 = 1_800_000_000
        try consultations.open(id: "c-1", topic: "Charte", question: "Qu'ajouter ?", audience: .public, closesAt: now + 86_400, now: now)
        #expect(throws: DossierError.self, "a synthesis without its consultation") {
            try drafts.create(id: "syn-1", title: "Synthèse", kind: .synthese)
        }
        #expect(throws: DossierError.self, "an avis naming a consultation") {
            try drafts.create(id: "avis-1", title: "Avis", kind: .avis, consultation: "c-1")
        }
        #expect(throws: DossierError.self, "an unknown consultation") {
            try drafts.create(id: "syn-1", title: "Synthèse", kind: .synthese, consultation: "c-9")
        }
        try drafts.create(id: "syn-1", title: "Synthèse de la consultation sur la charte", kind: .synthese, consultation: "c-1")
        try drafts.write("Les contributions demandent l'inclusion.", paragraph: "010", of: "syn-1")
        try consultations.tag("c-1", position: 1, as: .retained)
        try consultations.tag("c-1", position: 2, as: .dismissed)
        try consultations.tag("c-1", position: 3, as: .retained)
        try consultations.tag("c-1", position: 9, as: .retained)  // beyond what was received: not counted

        #expect(throws: DossierError.self, "counted while still open") { try consultations.tally("c-1", received: 4, at: now) }
        let tally = try consultations.tally("c-1", received: 4, at: now + 86_400)
        #expect(tally == (try PublishedText.Tally(consultation: "c-1", received: 4, retained: 2)))
        let vote = try PublishedText.Vote(seated: 28, voting: 20, inFavour: 20, against: 0, abstaining: 0)
        #expect(throws: DossierError.self, "a synthesis adopted without its tally") {
            try drafts.adopt("syn-1", seance: "s-1", on: try #require(Day(iso: "2027-01-20")), vote: vote)
        }
        try drafts.adopt("syn-1", seance: "s-1", on: try #require(Day(iso: "2027-01-20")), vote: vote, tally: tally)
        try consultations.tag("c-1", position: 2, as: .retained)  // after adoption: the published counts do not move
        let published = try drafts.publish("syn-1")
        #expect(published.kind == .synthese && published.tally?.received == 4 && published.tally?.retained == 2)

        let catalog = PublicCatalog(publicBatches: try store.pendingBatches(scope: .public, after: 0).map { ($0.encoded, 0) }, membership: nil)
        let site = PublicSite(catalog: catalog, publisher: try Publisher(name: "Conseil", siret: "22930008200015", subjectCode: "9.4",
                                                                        subjectName: "Voeux et motions", baseURL: "https://example.org/public"))
        let page = try #require(site.textPage("syn-1"))
        #expect(page.contains("Synthèse de consultation : Synthèse de la consultation sur la charte"))
        #expect(page.contains("Consultation c-1 : 4 contribution(s) reçue(s), 2 retenue(s)."), "\(page)")
    }

    @Test func aPublishedTextOfAnotherKindCannotCarryATallyNorASynthesisLackIt() throws {
        let vote = try PublishedText.Vote(seated: 28, voting: 20, inFavour: 20, against: 0, abstaining: 0)
        let day = try #require(Day(iso: "2027-01-20"))
        let tally = try PublishedText.Tally(consultation: "c-1", received: 3, retained: 1)
        #expect(throws: PublicationError.self) {
            try PublishedText(id: "a-1", kind: .avis, title: "Avis", adoptedOn: day, seance: "s-1", vote: vote, paragraphs: [], tally: tally)
        }
        #expect(throws: PublicationError.self) {
            try PublishedText(id: "s-1", kind: .synthese, title: "Synthèse", adoptedOn: day, seance: "s-1", vote: vote, paragraphs: [])
        }
        #expect(throws: PublicationError.self) { try PublishedText.Tally(consultation: "c-1", received: 3, retained: 4) }
    }
}
