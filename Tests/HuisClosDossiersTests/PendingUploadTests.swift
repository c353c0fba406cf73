import Foundation
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosStore
import HuisClosWire
import Testing

/// Uploads left pending by a cut: kept through transient failures, forgotten (and told) when the
/// relay refuses them for good or the device may no longer write in their scope.
@Suite struct PendingUploadTests {
    static func addCut(_ library: DossierLibrary, _ id: String) async throws {
        await #expect(throws: APIError.self) {
            try await library.addVersion(of: id, title: id, attachedTo: "", fileName: "\(id).txt", mediaType: "text/plain",
                                         content: .bytes(Array("contenu \(id)".utf8))) { _, _ in throw APIError(.unreachable) }
        }
    }

    @Test func aTransientFailureKeepsTheUploadPendingAndARefusalForGoodForgetsIt() async throws {
        let store = try Council.stores(1)[0]
        let library = DossierLibrary(store: store)
        try await Self.addCut(library, "budget")
        #expect(try library.list().isEmpty, "no version is recorded before its upload completes")

        await #expect(throws: APIError.self) {
            _ = try await DossierLibrary.resumeUploads(store: store, writable: [.council]) { _, _, _ in throw APIError(.internal) }
        }
        let refused = try await DossierLibrary.resumeUploads(store: store, writable: [.council]) { _, _, _ in
            throw APIError(.fileConflict)
        }
        #expect(refused.recorded.isEmpty && refused.refused.count == 1 && refused.refused[0].english.contains("budget.txt"))
        let after = try await DossierLibrary.resumeUploads(store: store, writable: [.council]) { _, _, _ in Issue.record("nothing is left to send") }
        #expect(after.recorded.isEmpty && after.refused.isEmpty)
    }

    @Test func anUploadToAScopeNoLongerWritableIsForgottenAndItsChunksDropped() async throws {
        let store = try Council.stores(1)[0]
        let group = try DossierScopes.group("budget")
        try await Self.addCut(DossierLibrary(store: store, scope: group), "arbitrages")
        let cache = try DossierLibrary(store: store).cache
        #expect(try cache.heldBytes() > 0, "the sealed chunks wait in the cache")
        let resumed = try await DossierLibrary.resumeUploads(store: store, writable: [.council]) { _, _, _ in Issue.record("not sent") }
        #expect(resumed.refused.count == 1 && resumed.recorded.isEmpty)
        #expect(try cache.retain(files: []) == 1 && cache.heldBytes() == 0)
    }

    @Test func aResumedUploadRecordsTheVersionOnceWithTheKeySealedBeforeTheCut() async throws {
        let store = try Council.stores(1)[0]
        let library = DossierLibrary(store: store)
        try await Self.addCut(library, "etude")
        let resumed = try await DossierLibrary.resumeUploads(store: store, writable: [.council]) { _, _, _ in }
        let version = try #require(resumed.recorded.first)
        #expect(try library.dossier("etude")?.versions == [version])
        var plain: [UInt8] = []
        try await library.read(version, transfer: nil) { plain += $0 }
        #expect(String(decoding: plain, as: UTF8.self) == "contenu etude")
        #expect(try DossierIndex(database: store.database).search("contenu").map(\.dossier) == ["etude"])
    }
}
