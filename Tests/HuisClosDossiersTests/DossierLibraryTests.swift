import Foundation
import GRDB
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosStore
import HuisClosTrust
import Testing

/// Dossier versions, notes and search over the change store (content kept in the adding
/// replica's cache here; the relay transfer has its own tests).
@Suite struct DossierLibraryTests {
    /// The attacker's second review: a member wrote a version whose recorded hash claimed another
    /// content, so the author's later upload of that content was skipped as « unchanged ». The
    /// recorded hash counts only once the content held here hashes to it.
    @Test func aVersionsRecordedHashCountsOnlyWhenItsContentHashesToIt() async throws {
        let library = DossierLibrary(store: try Council.stores(1)[0])
        let real = Array("Étude finale".utf8), decoy = Array("Version piégée".utf8)
        let claimed = try DossierSource.bytes(real).contentHash()
        let forged = try await library.addVersion(of: "etude", title: "Étude", attachedTo: "", fileName: "e.txt", mediaType: "text/plain",
                                                  content: .bytes(decoy), contentHash: claimed) { _, _ in }
        #expect(forged.contentHash == claimed)
        #expect(try await !library.holdsContent(forged, hashing: claimed))
        let honest = try await library.addVersion(of: "etude", title: "Étude", attachedTo: "", fileName: "e.txt", mediaType: "text/plain",
                                                  content: .bytes(real)) { _, _ in }
        #expect(try await library.holdsContent(honest, hashing: claimed))
    }

    @Test func newVersionIsSeenByOthersAfterSyncAndTheOldOneStaysListed() async throws {
        let stores = try Council.stores(2)
        let secretariat = DossierLibrary(store: stores[0])
        for (n, text) in ["Étude v1 : fracture numérique", "Étude v2 : fracture numérique et médiation"].enumerated() {
            try await secretariat.addVersion(of: "etude-fracture", title: "Étude fracture", attachedTo: "agenda:s-2026-03/2",
                                             fileName: "etude-v\(n + 1).txt", mediaType: "text/plain", content: .bytes(Array(text.utf8))) { _, _ in }
        }
        try Council.sync(stores)
        let dossier = try #require(try DossierLibrary(store: stores[1]).dossier("etude-fracture"))
        #expect(dossier.versions.map(\.number) == [1, 2])
        #expect(dossier.versions.map(\.fileName) == ["etude-v1.txt", "etude-v2.txt"])
        let latest = try #require(dossier.latest)
        var plain: [UInt8] = []
        try await secretariat.read(latest, transfer: nil) { plain += $0 }
        #expect(String(decoding: plain, as: UTF8.self) == "Étude v2 : fracture numérique et médiation")

        let reader = DossierLibrary(store: stores[1])
        #expect(try reader.unseenVersions().map(\.number) == [1, 2], "versions from another device are new until seen")
        #expect(try secretariat.unseenVersions().isEmpty, "one's own versions are not news")
        try reader.markSeen(try reader.unseenVersions())
        try await secretariat.addVersion(of: "etude-fracture", title: "Étude fracture", attachedTo: "agenda:s-2026-03/2",
                                         fileName: "etude-v3.txt", mediaType: "text/plain", content: .bytes(Array("v3".utf8))) { _, _ in }
        try Council.sync(stores)
        #expect(try reader.unseenVersions().map(\.number) == [3])
        #expect(try reader.dossier("etude-fracture")?.versions.count == 3, "older versions stay listed")
    }

    /// Fills `store`'s disk: the database may not grow by one page from now on (a new table, or
    /// rows past the free room of its pages, fail with "database or disk is full").
    static func fillDisk(_ store: ChangeStore) throws {
        try store.database.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }

    /// Issue 15 item 4: listing and reading dossiers write nothing they need; the "seen" mark is
    /// made when the device can write and otherwise said, never a failed read.
    @Test func aStoreThatCannotWriteStillListsAndReadsItsDossiers() async throws {
        let stores = try Council.stores(2)
        let secretariat = DossierLibrary(store: stores[0])
        try await secretariat.addVersion(of: "etude", title: "Étude", attachedTo: "agenda:s1/1", fileName: "etude.txt",
                                         mediaType: "text/plain", content: .bytes(Array("Étude".utf8))) { _, _ in }
        try Council.sync(stores)
        for store in stores { try Self.fillDisk(store) }
        // The seen marks' table exists from the device's migration: its page's free room is filled too.
        for index in 0..<10_000 {
            do {
                try await stores[1].database.write { db in
                    try db.execute(sql: "INSERT INTO dossier_seen (scope, dossier, version) VALUES ('filler', ?, 0)", arguments: ["\(index)"])
                }
            } catch { break }
        }
        let reader = DossierLibrary(store: stores[1])
        let unseen = try reader.unseenVersions()
        #expect(unseen.map(\.number) == [1])
        let version = try #require(try secretariat.dossier("etude")?.latest)
        var plain: [UInt8] = []
        try await secretariat.read(version, transfer: nil) { plain += $0 }
        #expect(String(decoding: plain, as: UTF8.self) == "Étude")
        let warning = try #require(reader.markSeenWhenPossible(unseen))
        #expect(warning.english.contains("not marked seen") && warning.french.contains("reste « nouveau »"))
        #expect(try reader.unseenVersions().map(\.number) == [1])
    }

    @Test func notesStayWhenANewVersionArrivesMarkedAsMadeOnTheEarlierOne() async throws {
        let stores = try Council.stores(2)
        let library = DossierLibrary(store: stores[0])
        let v1 = try await library.addVersion(of: "etude", title: "Étude", attachedTo: "group:budget", fileName: "e.pdf",
                                              mediaType: "application/pdf", content: .bytes([1, 2, 3])) { _, _ in }
        let own = DossierScopes.member(try MemberID.generate())
        let notes = Annotations(store: stores[0])
        try notes.add("À vérifier", on: v1, at: "p. 4, § 2", scope: own)
        #expect(try notes.notes(on: "etude", latestVersion: 1, scopes: [own]).map(\.madeOnEarlierVersion) == [false])
        let v2 = try await library.addVersion(of: "etude", title: "Étude", attachedTo: "group:budget", fileName: "e2.pdf",
                                              mediaType: "application/pdf", content: .bytes([4, 5])) { _, _ in }
        let after = try notes.notes(on: "etude", latestVersion: v2.number, scopes: [own])
        #expect(after.count == 1)
        #expect(after.first?.version == 1 && after.first?.madeOnEarlierVersion == true && after.first?.location == "p. 4, § 2")
        #expect(throws: DossierError.self) { try notes.add("x", on: v2, at: "p. 1", scope: .public) }
    }

    @Test func searchFindsTextContentInTheReplicaAccentInsensitively() async throws {
        let store = try Council.stores(1)[0]
        let library = DossierLibrary(store: store)
        try await library.addVersion(of: "etude", title: "Étude", attachedTo: "agenda:s1/1", fileName: "e.txt", mediaType: "text/plain",
                                     content: .bytes(Array("La médiation numérique réduit la fracture.".utf8))) { _, _ in }
        try await library.addVersion(of: "budget", title: "Budget", attachedTo: "agenda:s1/2", fileName: "b.pdf",
                                     mediaType: "application/pdf", content: .bytes(Array("mediation".utf8))) { _, _ in }
        let hits = try DossierIndex(database: store.database).search("mediation")
        #expect(hits.map(\.dossier) == ["etude"], "only text formats are indexed; accents are folded")
        #expect(hits.first?.snippet.contains("«médiation»") == true)
        #expect(try DossierIndex(database: store.database).search("absent").isEmpty)
    }
}
