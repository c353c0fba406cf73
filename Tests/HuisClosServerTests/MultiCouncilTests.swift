import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Logging
import NIOHTTP1
import SwiftProtobuf
import Testing

/// Several councils on one relay (issue 14, item 3), tried as a member of one council who wants
/// something of another: its admin token, enrolment codes, device keys and tokens, scope logs,
/// file ids and chunk hashes, membership log, watch pokes and public site. Each check names what
/// it tries; every one must find nothing of the other council.
///
/// Serialized: each test runs a relay of two councils in this process (two SQLite pools, event
/// loops, sockets); nine at once add hundreds of descriptors to the test process, and past 1,024
/// Foundation's `Process.run()` of a test launching a child crashes (see `RelayLimitsTests`).
@Suite(.serialized) struct MultiCouncilTests {
    /// The default council (root) and the hosted council `est`, each with a device reading and
    /// writing its `council` scope.
    struct TwoCouncils {
        let server: TestServer
        let est: (url: String, adminToken: String)
        let root: TestDevice
        let east: TestDevice
    }

    static func withTwoCouncils(_ label: String, _ body: (TwoCouncils) async throws -> Void) async throws {
        try await TestServer.with(label, councils: ["est"]) { server in
            let est = try server.council("est")
            let root = try await TestDevice.enrolled(on: server.url)
            let east = try await TestDevice.enrolled(on: est.url, adminToken: est.adminToken)
            try await body(TwoCouncils(server: server, est: est, root: root, east: east))
        }
    }

    @Test func eachCouncilHasItsOwnAdminTokenAndNoOtherCouncilsWorks() async throws {
        try await Self.withTwoCouncils("councils-admin") { councils in
            let access = DeviceAccess(readable: [.council], writable: [.council])
            await #expect(throws: APIError(.adminRequired), "the default council's admin token opens nothing in est") {
                _ = try await SyncClient(server: councils.est.url, device: nil).createEnrolmentCode(access: access, adminToken: TestServer.adminToken)
            }
            await #expect(throws: APIError(.adminRequired), "est's admin token opens nothing at the root") {
                _ = try await councils.server.adminClient().createEnrolmentCode(access: access, adminToken: councils.est.adminToken)
            }
            #expect(councils.est.adminToken != TestServer.adminToken)
            // est's secretariat revoking the root's device by its key: est knows no such device.
            #expect(try await SyncClient(server: councils.est.url, device: nil)
                .revoke(councils.root.key.publicKey, adminToken: councils.est.adminToken) == false)
            _ = try await councils.root.client.pull(scope: .council, after: 0)
        }
    }

    @Test func anEnrolmentCodeOfOneCouncilIsUnknownToAnother() async throws {
        try await Self.withTwoCouncils("councils-codes") { councils in
            let code = try await SyncClient(server: councils.est.url, device: nil)
                .createEnrolmentCode(access: DeviceAccess(readable: [.council]), adminToken: councils.est.adminToken).code
            await #expect(throws: APIError(.enrolmentCodeInvalid)) {
                _ = try await SyncClient(server: councils.server.url, device: try .generate()).enrol(code: code)
            }
            // Still unused in its own council.
            _ = try await SyncClient(server: councils.est.url, device: try .generate()).enrol(code: code)
        }
    }

    @Test func aDeviceAndItsTokenAreUnknownToAnotherCouncil() async throws {
        try await Self.withTwoCouncils("councils-tokens") { councils in
            // est's device logging in at the root: its key is not enrolled there.
            await #expect(throws: APIError(.unknownDevice)) {
                _ = try await SyncClient(server: councils.server.url, device: councils.east.key).login()
            }
            _ = try await councils.east.client.login()
            let token = try #require(await councils.east.client.currentToken)
            var pull = Huisclos_V1_PullRequest()
            pull.scope = "council"
            var membership = Huisclos_V1_MembershipPullRequest()
            membership.from = 0
            // Its valid token, presented at the root's every device endpoint.
            let tries: [(String, [UInt8]?)] = [
                (Endpoint.pull, pull.wireBytes()), (Endpoint.push, Huisclos_V1_PushRequest().wireBytes()),
                (Endpoint.membershipPull, membership.wireBytes()), (Endpoint.keysPull, Huisclos_V1_KeyPullRequest().wireBytes()),
                (Endpoint.keys, Huisclos_V1_KeyDrop().wireBytes()),
            ]
            for (path, body) in tries {
                let answer = try await RawRequest.send(councils.server.url, .POST, path, body: body, token: token)
                #expect(answer.status == 401 && answer.error?.code == .unauthenticated, "\(path): \(answer.status)")
            }
            let status = try await RawRequest.send(councils.server.url, .GET, Endpoint.files + "/abc", token: token)
            #expect(status.status == 401 && status.error?.code == .unauthenticated)
            let watch = try await RawRequest.upgrade(port: councils.server.port, Endpoint.watch, token: token)
            #expect(watch.status == 401 && watch.error?.code == .unauthenticated, "the watch socket: \(watch.status)")
            // And the root device's token at est's endpoints, the other way round.
            _ = try await councils.root.client.login()
            let rootToken = try #require(await councils.root.client.currentToken)
            let answer = try await RawRequest.send(councils.est.url, .POST, Endpoint.pull, body: pull.wireBytes(), token: rootToken)
            #expect(answer.status == 401 && answer.error?.code == .unauthenticated)
            let estWatch = try await RawRequest.upgrade(port: councils.server.port, "/councils/est" + Endpoint.watch, token: rootToken)
            #expect(estWatch.status == 401 && estWatch.error?.code == .unauthenticated)
        }
    }

    @Test func scopesFilesAndChunksOfOneCouncilAreInvisibleToAnother() async throws {
        try await Self.withTwoCouncils("councils-data") { councils in
            let written = try await councils.root.store.author(scope: .council, body: [1, 2, 3])
            _ = try await councils.root.client.push([written])
            let chunk: [UInt8] = Array("the root council's dossier".utf8)
            let hash = Hash.blake2b(chunk)
            let id = try FileID("0f1e2d3c-0000-4000-8000-00000000c0de")
            var manifest = Huisclos_V1_FileManifest()
            manifest.fileID = id.rawValue
            manifest.scope = "council"
            manifest.chunkHashes = [Data(hash)]
            manifest.totalSize = UInt64(chunk.count)
            _ = try await councils.root.client.declare(manifest)
            try await councils.root.client.upload(chunk: chunk, hash: hash, file: id)

            // est's device, reading est's council scope (same name): nothing of the root's log.
            let page = try await councils.east.client.pull(scope: .council, after: 0)
            #expect(page.batches.isEmpty && page.head == 0, "est sees the root's batches: head \(page.head)")
            // The root's file id and chunk hash, asked of est.
            await #expect(throws: APIError(.notFound)) { _ = try await councils.east.client.fileStatus(id) }
            await #expect(throws: APIError(.notFound)) { _ = try await councils.east.client.download(chunk: hash, file: id) }
            // Declaring the same id in est is est's own file, with the chunk missing: nothing held
            // by the root is counted as held here.
            #expect(try await councils.east.client.declare(manifest).missing == [Data(hash)])
            await #expect(throws: APIError(.notFound)) { _ = try await councils.east.client.download(chunk: hash, file: id) }
            // est's push does not land in the root's log, nor the root's in est's.
            _ = try await councils.east.client.push([try await councils.east.store.author(scope: .council, body: [9])])
            #expect(try await councils.server.storage.heads(of: [.council])[.council] == 1)
            #expect(try await councils.east.client.pull(scope: .council, after: 0).batches.map(\.encoded)
                != [written.encoded])
        }
    }

    @Test func eachCouncilHasItsOwnTrustRootAndMembershipLog() async throws {
        try await Self.withTwoCouncils("councils-trust") { councils in
            let instant = Instant(unixSeconds: Int64(Date().timeIntervalSince1970))
            let (_, estLog) = try TrustRoot.establishCouncil(named: "Conseil est", at: instant)
            let (_, rootLog) = try TrustRoot.establishCouncil(named: "Conseil racine", at: instant)
            _ = try await SyncClient(server: councils.est.url, device: nil)
                .registerCouncil(genesis: estLog.records[0].encoded, adminToken: councils.est.adminToken)
            // The root has no council yet: est's genesis is not the root's.
            #expect(try await councils.root.client.pullMembership(from: 0).records.isEmpty)
            // The root registers its own, under its own trust root; est's log stays est's.
            _ = try await councils.server.adminClient().registerCouncil(genesis: rootLog.records[0].encoded, adminToken: TestServer.adminToken)
            #expect(try await councils.root.client.pullMembership(from: 0).records == [rootLog.records[0].encoded])
            #expect(try await councils.east.client.pullMembership(from: 0).records == [estLog.records[0].encoded])
        }
    }

    @Test func aPushInOneCouncilPokesOnlyThatCouncilsWatchers() async throws {
        try await Self.withTwoCouncils("councils-pokes") { councils in
            let rootPokes = PokeRecorder()
            let estPokes = PokeRecorder()
            let watching = [
                Task { try await councils.root.client.watch { rootPokes.record($0) } },
                Task { try await councils.east.client.watch { estPokes.record($0) } },
            ]
            defer { for task in watching { task.cancel() } }
            #expect(try await rootPokes.wait(for: [.council: 0], seconds: 5))
            #expect(try await estPokes.wait(for: [.council: 0], seconds: 5))
            // Two batches in est's council scope, then one in the root's: were est's pokes leaking,
            // the root's watcher would see head 2 before its own head 1.
            let first = try await councils.east.store.author(scope: .council, body: [1])
            let second = try await councils.east.store.author(scope: .council, body: [2])
            _ = try await councils.east.client.push([first, second])
            #expect(try await estPokes.wait(for: [.council: 2], seconds: 5))
            _ = try await councils.root.client.push([try await councils.root.store.author(scope: .council, body: [1])])
            #expect(try await rootPokes.wait(for: [.council: 1], seconds: 5))
            #expect(!rootPokes.received.contains { $0[.council] == 2 }, "the root's watcher saw est's head: \(rootPokes.received)")
        }
    }

    @Test func eachCouncilsPublicSiteIsAtItsOwnAddressUnderItsOwnName() async throws {
        try await Self.withTwoCouncils("councils-public") { councils in
            let root = try await RawRequest.send(councils.server.url, .GET, "/public/", version: nil)
            let est = try await RawRequest.send(councils.est.url, .GET, "/public/", version: nil)
            let rootPage = String(decoding: root.body, as: UTF8.self)
            let estPage = String(decoding: est.body, as: UTF8.self)
            #expect(root.status == 200 && rootPage.contains("Conseil de test") && !rootPage.contains("Conseil est"))
            #expect(est.status == 200 && estPage.contains("Conseil est") && !estPage.contains("Conseil de test"))
            #expect(estPage.contains("https://conseil.example.org/councils/est/public/"), "est's canonical link names its own site")
            let redirect = try await RawRequest.send(councils.est.url, .GET, "/public", version: nil, followRedirects: false)
            #expect(redirect.status == 301 && redirect.location == "/councils/est/public/")
            let data = try await RawRequest.send(councils.est.url, .GET, "/public/deliberations.csv", version: nil)
            #expect(data.status == 200)
            // A council that does not exist, or spelt otherwise, is no council: 404 as any unknown path.
            for path in ["/councils/ouest/public/", "/councils/EST/public/", "/councils/est%2F..%2F/public/", "/councils//public/"] {
                let answer = try await RawRequest.send(councils.server.url, .GET, path, version: nil)
                #expect(answer.status == 404 && answer.error?.code == .notFound, "\(path): \(answer.status)")
            }
            let unknown = try await RawRequest.send(councils.server.url, .POST, "/councils/ouest" + Endpoint.pull, body: [])
            #expect(unknown.status == 404)
        }
    }

    @Test func aCouncilIdentifierIsOneSafeSpelling() {
        for good in ["est", "cese-93", "a", String(repeating: "a", count: CouncilID.bytesMax)] {
            #expect((try? CouncilID(good)) != nil, "\(good)")
        }
        for bad in ["", "EST", "-est", "est-", "é", "a/b", "..", "a.b", "a_b", String(repeating: "a", count: CouncilID.bytesMax + 1)] {
            #expect(throws: APIError.self, "\(bad)") { try CouncilID(bad) }
        }
    }

    @Test func createRefusesAnExistingCouncilAndListsTheFolders() throws {
        let folder = try TemporaryFolder("councils-directory")
        defer { folder.remove() }
        let directory = CouncilDirectory(dataFolder: folder.url)
        let token = try directory.create(try CouncilID("ouest"))
        _ = try directory.create(try CouncilID("est"))
        #expect(try directory.councils().map(\.rawValue) == ["est", "ouest"])
        let mode = try FileManager.default.attributesOfItem(atPath: token.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(throws: APIError(.alreadyEnrolled)) { try directory.create(try CouncilID("est")) }
        // A stray file or a hidden folder under councils/ is not a council.
        try Data().write(to: folder.url.appendingPathComponent("councils/notes.txt"))
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("councils/.trash"), withIntermediateDirectories: false)
        #expect(try directory.councils().map(\.rawValue) == ["est", "ouest"])
    }

    /// A council folder whose name is no valid identifier (among them one too long for its
    /// PostgreSQL schema, which earlier versions accepted) stops the start with a clear error
    /// instead of the council silently disappearing from the relay.
    @Test func aCouncilFolderWithoutAValidIdentifierIsRefusedAtStart() throws {
        for name in ["Bad_Name", String(repeating: "a", count: CouncilID.bytesMax + 1), String(repeating: "b", count: 48)] {
            let folder = try TemporaryFolder("councils-refused")
            defer { folder.remove() }
            try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("councils/\(name)"), withIntermediateDirectories: true)
            #expect(throws: StorageError.self, "\(name)") { try CouncilDirectory(dataFolder: folder.url).councils() }
            let configuration = ServerConfiguration(dataFolder: folder.url, host: "127.0.0.1", port: 0)
            #expect(throws: (any Error).self, "\(name)") { try RelayServer(configuration: configuration, logger: Logger(label: "test")) }
        }
    }
}
