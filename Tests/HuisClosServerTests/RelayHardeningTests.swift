import AsyncHTTPClient
import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization
import Testing

/// The relay-side low findings of the trust hardening (issue 11, "Low"): each test is named after
/// the finding it proves fixed.
@Suite(.tags(.slow)) struct RelayHardeningTests {
    @Test func metricsAreNotServedOnTheMainAddress() async throws {
        try await TestServer.with("metrics-main") { server in
            let answer = try await RawRequest.send(server.url, .GET, "/metrics", version: nil)
            #expect(answer.status == 404, "the main address serves /metrics (\(answer.status))")
        }
    }

    @Test func adminTokenFileReadableByOthersIsRefused() async throws {
        let folder = try TemporaryFolder("admin-token-mode")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("admin-token")
        try Data("0123456789abcdef0123456789abcdef\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let configuration = ServerConfiguration(dataFolder: folder.url, port: 0)
        #expect(throws: APIError.self, "a world-readable admin token file is refused") {
            _ = try RelayServer(configuration: configuration, logger: .init(label: "test") { _ in SwiftLogNoOpLogHandler() })
        }
    }

    @Test func generatedAdminTokenFileIsPrivate() async throws {
        let folder = try TemporaryFolder("admin-token-new")
        defer { folder.remove() }
        let server = try RelayServer(configuration: ServerConfiguration(dataFolder: folder.url, port: 0),
                                     logger: .init(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let mode = try FileManager.default.attributesOfItem(atPath: try #require(server.adminTokenFile).path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: TLSTests.openssl), "needs openssl"))
    func tlsBelowVersion1_2IsRefused() async throws {
        let folder = try TemporaryFolder("tls-min")
        defer { folder.remove() }
        let tls = try TLSTests.selfSignedCertificate(in: folder.url)
        let server = try await TestServer.start(folder: folder.url) { $0.tls = tls }
        var old = HTTPClient.Configuration()
        old.tlsConfiguration = .makeClientConfiguration()
        old.tlsConfiguration?.certificateVerification = .none
        old.tlsConfiguration?.minimumTLSVersion = .tlsv1
        old.tlsConfiguration?.maximumTLSVersion = .tlsv11
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: old)
        await #expect(throws: (any Error).self, "a TLS 1.1 client is refused") {
            _ = try await http.execute(HTTPClientRequest(url: "https://127.0.0.1:\(server.port)/healthz"), timeout: .seconds(10))
        }
        try await http.shutdown()
        await server.stop()
    }

    @Test func loginChallengesAreRateLimitedPerDevice() async throws {
        // A small quota of the same mechanism, on a clock that does not move: on the real clock the
        // window rolled before the loop reached the quota on a loaded machine (a CI run beside other
        // jobs: 21 challenges all answered).
        let quota = 20
        let clock = ManualClock()
        try await TestServer.with("challenge-rate", configure: {
            $0.quotas.challengesPerDevicePerWindowMax = quota
            $0.clock = clock.serverClock
        }) { server in
            let device = try await TestDevice.enrolled(on: server.url)
            var request = Huisclos_V1_ChallengeRequest()
            request.device = Data(device.key.publicKey.bytes)
            var statuses: [UInt] = []
            for _ in 0...quota {
                let answer = try await RawRequest.send(server.url, .POST, Endpoint.challenge, body: request.wireBytes())
                statuses.append(answer.status)
                if answer.status != 200 { break }
            }
            #expect(statuses.last == 429, "\(statuses.count) challenges in a row were all answered")
        }
    }

    @Test func watchSocketOfAnExpiredTokenIsCutAndGetsNoPoke() async throws {
        let clock = ManualClock()
        try await TestServer.with("watch-expiry", configure: { $0.clock = clock.serverClock }) { server in
            let writer = try await TestDevice.enrolled(on: server.url)
            let watcher = try await TestDevice.enrolled(on: server.url)
            let pokes = PokeRecorder()
            let ended = Mutex(false)
            let watching = Task {
                _ = try? await watcher.client.watch { heads in pokes.record(heads) }
                ended.withLock { $0 = true }
            }
            defer { watching.cancel() }
            #expect(try await pokes.wait(for: [.council: 0], seconds: 5))
            clock.advance(seconds: 16 * 60)  // past the watcher's 15-minute token
            _ = try await writer.client.push([try await writer.store.author(scope: .council, body: [1])])
            for _ in 0..<500 where !ended.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
            #expect(ended.withLock { $0 }, "the socket of an expired token stayed open")
            #expect(!(try await pokes.wait(for: [.council: 1], seconds: 0.2)), "an expired token's socket was poked")
        }
    }

    @Test func membershipPullCountIsWhatItReturns() async throws {
        try await TestServer.with("membership-paging") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            try await device.client.login()
            let token = try #require(await device.client.currentToken)
            let total = WireLimits.pullBatchesMax + 5
            let records = (0..<total).map { [UInt8(truncatingIfNeeded: $0), 1, 2, 3] }
            #expect(try await server.storage.appendMembershipRecords(records, at: 0))
            var from: UInt64 = 0
            var received: [[UInt8]] = []
            for _ in 0..<10 {
                var request = Huisclos_V1_MembershipPullRequest()
                request.from = from
                let answer = try await RawRequest.send(server.url, .POST, Endpoint.membershipPull, body: request.wireBytes(), token: token)
                let page = try Huisclos_V1_MembershipLogPage(wire: answer.body, limit: 64 * 1_048_576)
                #expect(page.count == from + UInt64(page.records.count), "count \(page.count) after \(from) + \(page.records.count) records")
                if page.records.isEmpty { break }
                received += page.records.map { Array($0) }
                from = page.count
            }
            let complete = received == records
            #expect(complete, "received \(received.count) of \(records.count) records")
        }
    }

    @Test func chunkDownloadNeedsReadInTheScopeItWasUploadedTo() async throws {
        try await TestServer.with("chunk-scope") { server in
            let group = try ScopeID("group:elsewhere")
            let owner = try await TestDevice.enrolled(on: server.url)
            let other = try await TestDevice.enrolled(on: server.url, access: DeviceAccess(readable: [group], writable: [group]))
            let chunk: [UInt8] = Array("a council chunk".utf8)
            let hash = Hash.blake2b(chunk)
            var manifest = Huisclos_V1_FileManifest()
            manifest.fileID = "0f1e2d3c-0000-4000-8000-000000000001"
            manifest.scope = "council"
            manifest.chunkHashes = [Data(hash)]
            manifest.totalSize = UInt64(chunk.count)
            _ = try await owner.client.declare(manifest)
            try await owner.client.upload(chunk: chunk, hash: hash, file: try FileID(manifest.fileID))

            // Another device that learnt the hash declares its own file around it, in a scope it writes.
            manifest.fileID = "0f1e2d3c-0000-4000-8000-000000000002"
            manifest.scope = group.rawValue
            let status = try await other.client.declare(manifest)
            #expect(!status.complete, "a chunk held for another scope counts as missing in this one")
            await #expect(throws: APIError.self, "the council's chunk is served through a manifest of another scope") {
                _ = try await other.client.download(chunk: hash, file: try FileID(manifest.fileID))
            }
        }
    }
}
