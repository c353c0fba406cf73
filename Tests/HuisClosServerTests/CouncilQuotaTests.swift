import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// The per-council storage quota (issue 14): a council whose data reaches its quota is refused
/// `507 councilQuotaExceeded` on pushes, new files and new chunks, while another council of the
/// same relay keeps writing; the refusals and each council's size show in the metrics.
@Suite(.serialized) struct CouncilQuotaTests {
    /// 2 MiB: a fresh council's database takes well under a quarter of it.
    static let quota: Int64 = 2 << 20
    /// One push's body: incompressible, a quarter MiB, so eight pushes pass the quota.
    static func body() -> [UInt8] { (0..<(256 * 1024)).map { _ in UInt8.random(in: 0...255) } }

    static func manifest(_ id: String, chunk: [UInt8]) -> Huisclos_V1_FileManifest {
        var manifest = Huisclos_V1_FileManifest()
        manifest.fileID = id
        manifest.scope = "council"
        manifest.chunkHashes = [Data(Hash.blake2b(chunk))]
        manifest.totalSize = UInt64(chunk.count)
        return manifest
    }

    @Test func aCouncilOverItsQuotaIsRefusedAndAnotherCouncilIsNot() async throws {
        try await TestServer.with("council-quota", councils: ["est"], configure: {
            $0.quotas.councilStorageBytesMax = Self.quota
            $0.metricsAddress = RelayLimitsTests.metricsAddress
        }) { server in
            let est = try server.council("est")
            let east = try await TestDevice.enrolled(on: est.url, adminToken: est.adminToken)
            let root = try await TestDevice.enrolled(on: server.url)
            let chunk = Self.body()
            let file = Self.manifest("0f1e2d3c-0000-4000-8000-000000000001", chunk: chunk)
            _ = try await east.client.declare(file)

            var refusal: APIError?
            var accepted = 0
            for _ in 1...16 where refusal == nil {
                let batch = try await east.store.author(scope: .council, body: Self.body())
                do {
                    let results = try await east.client.push([batch])
                    #expect(results.map(\.status) == [.accepted])
                    accepted += 1
                } catch let error as APIError {
                    refusal = error
                }
            }
            #expect(refusal?.code == .councilQuotaExceeded, "\(accepted) pushes of 256 KiB accepted under a 2 MiB quota")
            #expect(refusal?.httpStatus == 507)
            #expect((4...8).contains(accepted))
            await #expect(throws: APIError(.councilQuotaExceeded), "a new chunk is refused too") {
                try await east.client.upload(chunk: chunk, hash: Hash.blake2b(chunk), file: try FileID(file.fileID))
            }
            // A new file's manifest is counted as its hashes (32 bytes each): 10,000 are more than the room left.
            var large = Self.manifest("0f1e2d3c-0000-4000-8000-000000000002", chunk: chunk)
            large.chunkHashes = (0..<10_000).map { Data(Hash.blake2b(withUnsafeBytes(of: $0) { Array($0) })) }
            large.totalSize = 10_000 * UInt64(WireLimits.chunkBytesMax)
            await #expect(throws: APIError(.councilQuotaExceeded), "and a new file too large for the room left") {
                _ = try await east.client.declare(large)
            }
            _ = try await east.client.pull(scope: .council, after: 0)

            // The default council, on the same relay and disk, is under its own quota.
            for _ in 1...3 {
                let results = try await root.client.push([try await root.store.author(scope: .council, body: Self.body())])
                #expect(results.map(\.status) == [.accepted])
            }
            #expect(try await RelayLimitsTests.metric(server, #"huisclos_council_quota_refusals_total{council="est"}"#) == 3)
            #expect(try await RelayLimitsTests.metric(server, #"huisclos_council_quota_refusals_total{council="default"}"#) == 0)
            #expect(try await RelayLimitsTests.metric(server, #"huisclos_council_stored_bytes{council="est"}"#) > Double(Self.quota) * 0.75)
        }
    }

    /// Many devices pushing at once near the bound: the quota's check and its write are atomic in
    /// one relay, so what is accepted never takes the council past its quota (each check used to
    /// read the same size before any of the writes committed, and several passed). The race is not
    /// won every time: three rounds, each on a fresh relay (without the reservations, 2 in 3 rounds failed).
    @Test(arguments: 1...3) func concurrentPushesNearTheQuotaStayUnderIt(round: Int) async throws {
        try await TestServer.with("council-quota-race-\(round)", configure: { $0.quotas.councilStorageBytesMax = Self.quota }) { server in
            var devices: [TestDevice] = []
            for _ in 1...24 { devices.append(try await TestDevice.enrolled(on: server.url)) }
            var batches: [BatchEnvelope] = []
            for device in devices { batches.append(try await device.store.author(scope: .council, body: Self.body())) }
            // Filled directly, with a chunk of random bytes, to leave room for one push and a half.
            let room = batches[0].encoded.count * 3 / 2
            let filler = (0..<Int(Self.quota - Int64(room)) - Int(try await server.storage.storedBytes())).map { _ in UInt8.random(in: 0...255) }
            try await server.storage.storeChunk(hash: Hash.blake2b(filler), bytes: filler, scope: .council, device: devices[0].key.publicKey)
            let start = try await server.storage.storedBytes()

            let accepted = await withTaskGroup(of: Int.self) { group in
                for (device, batch) in zip(devices, batches) {
                    group.addTask { (try? await device.client.push([batch]))?.first?.status == .accepted ? batch.encoded.count : 0 }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }.filter { $0 > 0 }
            }
            let end = try await server.storage.storedBytes()
            #expect(!accepted.isEmpty, "the room left takes one push")
            #expect(start + Int64(accepted.reduce(0, +)) <= Self.quota,
                    "\(accepted.count) pushes of 256 KiB accepted at once with \(Self.quota - start) bytes left; the council now takes \(end) of \(Self.quota)")
        }
    }
}
