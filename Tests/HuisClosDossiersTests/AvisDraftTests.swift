import HuisClosCouncil
import HuisClosDossiers
import HuisClosProtocol
import HuisClosPublication
import HuisClosStore
import Testing

@Suite struct AvisDraftTests {
    static func drafts() throws -> [AvisDrafts] {
        try Council.stores(3).map { AvisDrafts(store: $0) }
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
        let catalog = PublicCatalog(publicBatches: publicBatches.map(\.encoded))
        #expect(catalog.texts == [published])
        #expect(try members[0].draft("avis-2026-01").status == .published)
    }
}
