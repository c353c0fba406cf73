import Foundation
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import Synchronization
import Testing

/// Dossier content brought into members' encrypted replicas by sync: read and searched offline,
/// refused when altered, dropped with the access, resumed after a cut and a restart.
@Suite(.tags(.slow)) struct DossierContentTests {
    /// Adds `text` as a new version of dossier `id` in `scope` from `device`, uploading through its relay.
    @discardableResult
    static func add(_ text: String, as id: String, scope: ScopeID = .council, from device: Device) async throws -> DossierVersion {
        let transfer = SealedFileTransfer(client: device.relayClient)
        return try await DossierLibrary(store: device.store, scope: scope).addVersion(
            of: id, title: "Dossier \(id)", attachedTo: "agenda:s1/1", fileName: "\(id).txt", mediaType: "text/plain",
            content: .bytes(Array(text.utf8))) { fileID, cache in try await transfer.upload(fileID, scope: scope, from: cache) }
    }

    /// The post-sync prefetch of `device`, as `huisclos sync` runs it.
    static func prefetch(_ device: Device) async throws -> DossierPrefetch.Report {
        try await DossierPrefetch(store: device.store, transfer: SealedFileTransfer(client: device.relayClient))
            .run(readable: await device.readableScopes)
    }

    static func read(_ version: DossierVersion, scope: ScopeID = .council, on device: Device) async throws -> String {
        var plain: [UInt8] = []
        try await DossierLibrary(store: device.store, scope: scope)
            .read(version, transfer: SealedFileTransfer(client: device.relayClient)) { plain += $0 }
        return String(decoding: plain, as: UTF8.self)
    }

    @Test func aDossierSyncedBeforeTheServerStopsIsReadAndFoundOfflineAndNoMarkerIsInPlaintextAnywhere() async throws {
        let data = try TemporaryFolder("offline-relay")
        defer { data.remove() }
        let server = try await TestServer.start(folder: data.url)
        let council = try await CouncilHarness.start(on: server)
        defer { council.remove() }
        let alice = try await council.enrolMember("alice")
        let marker = "HORSLIGNE\(UInt32.random(in: 100_000...999_999))"
        let text = "Étude confidentielle : \(marker) sur la médiation numérique.\n" + String(repeating: "Annexe chiffrée. ", count: 200_000)
        let first = try await Self.add(text, as: "etude", from: council.secretariat)
        _ = try await council.secretariat.sync()
        _ = try await alice.sync()
        let report = try await Self.prefetch(alice)
        #expect(report.fetched == 1 && report.chunks == 4 && report.refused.isEmpty, "\(report)")
        #expect(try await Self.prefetch(alice).chunks == 0, "a second sync fetches nothing")
        // A later version whose record arrived but whose content was not fetched yet.
        let second = try await Self.add("v2", as: "etude", from: council.secretariat)
        _ = try await council.secretariat.sync()
        _ = try await alice.sync()
        await server.stop()

        #expect(try await Self.read(first, on: alice) == text, "read from the replica with the relay stopped")
        let hits = try DossierIndex(database: alice.store.database).search(marker.lowercased())
        #expect(hits.map(\.dossier) == ["etude"] && hits.map(\.version) == [1])
        let offline = await #expect(throws: DossierError.self) { _ = try await Self.read(second, on: alice) }
        #expect(offline?.code == .notFetched && offline?.message.contains("cannot be reached") == true)

        try await alice.lock()
        try await council.secretariat.lock()
        #expect(try ConfidentialityTests.hits(of: [marker], under: council.folder.url) == 0, "replicas and their folders")
        #expect(try ConfidentialityTests.hits(of: [marker], under: data.url) == 0, "the relay's data folder")
        let plain = data.url.appendingPathComponent("plain.txt")
        try Data(text.prefix(200).utf8).write(to: plain)
        #expect(try ConfidentialityTests.hits(of: [marker], under: data.url) == 1, "the scan finds a plaintext copy, so it can fail")
    }

    @Test func aVersionOverThePolicyLimitWaitsOnTheRelayUntilReadThenIsKeptAndSearchable() async throws {
        try await TestServer.with("prefetch-policy") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let annex = "Annexe volumineuse " + String(repeating: "tableau des subventions ", count: 60_000)  // 1.4 MiB
            let version = try await Self.add(annex, as: "annexe", from: council.secretariat)
            _ = try await council.secretariat.sync()
            _ = try await alice.sync()
            let prefetch = DossierPrefetch(store: alice.store, transfer: SealedFileTransfer(client: alice.relayClient))
            let limited = DossierPrefetch.Policy(largestVersionBytes: 1_048_576)
            let report = try await prefetch.run(readable: await alice.readableScopes, policy: limited)
            #expect(report.skipped == 1 && report.fetched == 0)
            let library = DossierLibrary(store: alice.store)
            #expect(try !library.isHeld(version))
            #expect(try DossierIndex(database: alice.store.database).search("subventions").isEmpty)
            #expect(try await Self.read(version, on: alice) == annex, "read online: fetched first")
            #expect(try library.isHeld(version))
            #expect(try DossierIndex(database: alice.store.database).search("subventions").map(\.dossier) == ["annexe"])
            let again = try await prefetch.run(readable: await alice.readableScopes, policy: limited)
            #expect(again.skipped == 0 && again.fetched == 0 && again.dropped == 0, "once read, it stays")
        }
    }

    @Test func aMemberRemovedFromAScopeLosesItsCachedContentAndIndexAtTheNextSync() async throws {
        try await TestServer.with("group-cache") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let group = try DossierScopes.hearing("budget")  // a scope the secretariat writes in (it sits in no working group)
            try await council.secretariat.sign(.addToScope(member: council.secretariat.member, scope: group, access: .readWrite, expiry: nil))
            let alice = try await council.enrolMember("alice", scopes: [group])
            let bob = try await council.enrolMember("bob")
            _ = try await council.secretariat.sync()
            try await Self.add("Arbitrages budgétaires du groupe", as: "arbitrages", scope: group, from: council.secretariat)
            try await Self.add("Ordre du jour du conseil", as: "odj", from: council.secretariat)
            _ = try await council.secretariat.sync()
            for device in [alice, bob] { _ = try await device.sync() }
            #expect(try await Self.prefetch(alice).fetched == 2)
            #expect(try await Self.prefetch(bob).fetched == 1, "a group dossier is never fetched outside the group")
            #expect(try DossierLibrary(store: bob.store, scope: group).list().isEmpty)
            let index = DossierIndex(database: try alice.store.database)
            #expect(try index.search("arbitrages").map(\.dossier) == ["arbitrages"])

            try await council.secretariat.sign(.removeFromScope(member: alice.member, scope: group))
            _ = try await council.secretariat.sync()
            _ = try await alice.sync()
            let report = try await Self.prefetch(alice)
            #expect(report.dropped == 1)
            let groupVersions = try DossierLibrary(store: alice.store, scope: group).list().flatMap(\.versions)
            #expect(try groupVersions.allSatisfy { try !DossierLibrary(store: alice.store, scope: group).isHeld($0) })
            #expect(try index.search("arbitrages").isEmpty, "the group's text leaves the index with the access")
            #expect(try index.search("conseil").map(\.dossier) == ["odj"], "the council dossier stays")
        }
    }

    @Test func anUploadCutThenResumedByANewProcessSendsOnlyTheMissingChunksWithTheSameKey() async throws {
        try await TestServer.with("resume-upload") { server in
            let proxy = try await CutProxy(targetPort: server.port, cutAfterBytes: 1_600_000)
            defer { proxy.stop() }
            let council = try await CouncilHarness.start(at: "http://127.0.0.1:\(proxy.port)")
            defer { council.remove() }
            let bob = try await council.enrolMember("bob")
            let content = String(repeating: "Rapport d'étape, page suivante. ", count: 90_000)  // 2.8 MiB: 3 chunks
            await #expect(throws: (any Error).self) { try await Self.add(content, as: "rapport", from: council.secretariat) }
            let folder = council.secretariat.folder
            try await council.secretariat.lock()
            proxy.disarm()

            // A new process: the device reopened from its folder.
            let reopened = try Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: council.clock.now)
            let sent = Mutex(0)
            let transfer = SealedFileTransfer(client: reopened.relayClient)
            let recorded = try await DossierLibrary.resumeUploads(store: reopened.store, writable: await reopened.writableScopes) { scope, id, cache in
                let count = try await transfer.upload(id, scope: scope, from: cache)
                sent.withLock { $0 += count }
            }
            #expect(recorded.recorded.map(\.dossier) == ["rapport"] && recorded.recorded.map(\.number) == [1] && recorded.refused.isEmpty)
            #expect(sent.withLock { $0 } == 2, "the chunk stored before the cut is not sent again")
            #expect(try await DossierLibrary.resumeUploads(store: reopened.store, writable: await reopened.writableScopes) { _, _, _ in }.recorded.isEmpty)
            _ = try await reopened.sync()

            _ = try await bob.sync()
            #expect(try await Self.prefetch(bob).fetched == 1)
            #expect(try await Self.read(try #require(recorded.recorded.first), on: bob) == content, "the version opens with the key kept across the restart")
            try await reopened.lock()
        }
    }
}
