import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Synchronization
import Testing

/// Chunked, resumable file transfer (PROTOCOL.md, "Files").
@Suite(.tags(.slow)) struct FileTransferTests {
    static let fileBytes = 20 * 1_048_576

    /// A file of pseudo-random bytes (stands for ciphertext), `count` long.
    static func makeFile(in folder: TemporaryFolder, count: Int, seed: UInt8 = 1) throws -> URL {
        let url = folder.url.appendingPathComponent("payload-\(seed).bin")
        var generator = SplitMix(seed: UInt64(seed))
        let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        try Data(bytes).write(to: url)
        return url
    }

    @Test func uploadCutMidwayResumesWithoutResendingStoredChunks() async throws {
        try await TestServer.with("upload-cut") { server in
            let folder = try TemporaryFolder("upload-cut-files")
            defer { folder.remove() }
            let file = try Self.makeFile(in: folder, count: Self.fileBytes)
            let device = try await TestDevice.enrolled(on: server.url)
            try await device.client.login()
            let proxy = try await CutProxy(targetPort: server.port, cutAfterBytes: 9 * 1_048_576 + 300_000)
            defer { proxy.stop() }
            let viaProxy = SyncClient(server: "http://127.0.0.1:\(proxy.port)", device: device.key)
            let id = try FileID("0f1e2d3c-0000-4000-8000-000000000020")
            await #expect(throws: APIError(.unreachable)) {
                try await FileTransfer(client: viaProxy).upload(file, id: id, scope: .council)
            }
            let afterCut = try await device.client.fileStatus(id)
            let stored = 20 - afterCut.missing.count
            #expect(stored >= 1 && stored < 20, "the cut left the upload partial (\(stored) chunks stored)")

            proxy.disarm()
            let sent = try await FileTransfer(client: viaProxy).upload(file, id: id, scope: .council)
            #expect(sent == 20 - stored, "only the missing chunks are sent again")
            #expect(try await device.client.fileStatus(id).complete)

            let copy = folder.url.appendingPathComponent("copy.bin")
            #expect(try await FileTransfer(client: device.client).download(id, to: copy) == 20)
            #expect(try Data(contentsOf: copy) == Data(contentsOf: file))
            #expect(try await FileTransfer(client: device.client).download(id, to: copy) == 0, "a complete copy fetches nothing")
            // Chunks 3 and 17 damaged in the copy: those two alone are fetched (ahead of each other)
            // and written back in their places.
            let damaged = try FileHandle(forUpdating: copy)
            for chunk in [3, 17] {
                try damaged.seek(toOffset: UInt64(chunk * 1_048_576 + 10))
                try damaged.write(contentsOf: Data([0xFF, 0x00, 0xFF]))
            }
            try damaged.close()
            #expect(try await FileTransfer(client: device.client).download(id, to: copy) == 2)
            #expect(try Data(contentsOf: copy) == Data(contentsOf: file))
        }
    }

    /// The attacker's review of fetching ahead: chunks requested side by side by a client with no
    /// session opened one login each (three challenges against the device's rate limit); they share one.
    @Test func chunksFetchedAheadShareOneLogin() async throws {
        try await TestServer.with("fetch-ahead-login") { server in
            let folder = try TemporaryFolder("fetch-ahead-files")
            defer { folder.remove() }
            let file = try Self.makeFile(in: folder, count: 5 * 1_048_576 + 7)
            let device = try await TestDevice.enrolled(on: server.url)
            let id = try FileID("0f1e2d3c-0000-4000-8000-0000000000a4")
            try await FileTransfer(client: device.client).upload(file, id: id, scope: .council)
            let hashes = try await device.client.fileStatus(id).manifest.chunkHashes.map { [UInt8]($0) }
            let counting = CountingTransport()
            let fresh = SyncClient(server: server.url, device: device.key, transport: counting)
            let received = Mutex<[UInt8]>([])
            try await fresh.download(chunks: hashes, file: id) { _, chunk in received.withLock { $0 += chunk.bytes } }
            #expect(try received.withLock { $0 } == [UInt8](Data(contentsOf: file)))
            #expect(counting.count(of: Endpoint.login) == 1, "one login for the chunks fetched side by side")
        }
    }

    @Test func chunkWithWrongBytesOrOutsideTheManifestIsRefused() async throws {
        try await TestServer.with("chunk-bad") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let chunk: [UInt8] = [1, 2, 3]
            let id = try FileID("abc")
            var manifest = Huisclos_V1_FileManifest()
            manifest.fileID = id.rawValue
            manifest.scope = "council"
            manifest.chunkHashes = [Data(Hash.blake2b(chunk))]
            manifest.totalSize = 3
            #expect(try await device.client.declare(manifest).missing.count == 1)
            await #expect(throws: APIError(.chunkHashMismatch)) {
                try await device.client.upload(chunk: [9, 9, 9], hash: Hash.blake2b(chunk), file: id)
            }
            await #expect(throws: APIError(.chunkNotInFile)) {
                try await device.client.upload(chunk: [4], hash: Hash.blake2b([UInt8]([4])), file: id)
            }
            #expect(try await device.client.fileStatus(id).complete == false, "nothing was stored")
            manifest.totalSize = 4
            await #expect(throws: APIError(.fileConflict)) { try await device.client.declare(manifest) }
            manifest.fileID = "NOT/AN/ID"
            await #expect(throws: APIError(.malformed)) { try await device.client.declare(manifest) }
        }
    }

    @Test func filesFollowTheirScopesAccess() async throws {
        try await TestServer.with("file-scope") { server in
            let writer = try await TestDevice.enrolled(on: server.url)
            let outsider = try await TestDevice.enrolled(on: server.url, access: DeviceAccess(readable: [.public]))
            var manifest = Huisclos_V1_FileManifest()
            manifest.fileID = "def"
            manifest.scope = "council"
            manifest.chunkHashes = [Data(Hash.blake2b([UInt8]([1])))]
            manifest.totalSize = 1
            _ = try await writer.client.declare(manifest)
            try await writer.client.upload(chunk: [1], hash: Hash.blake2b([UInt8]([1])), file: try FileID("def"))
            await #expect(throws: APIError(.forbidden)) {
                try await outsider.client.download(chunk: Hash.blake2b([UInt8]([1])), file: try FileID("def"))
            }
            await #expect(throws: APIError(.forbidden)) { try await outsider.client.declare(manifest) }
        }
    }
}

/// A tiny deterministic generator for test payloads.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The product's transport, counting the requests to each path.
private final class CountingTransport: RelayTransport {
    private let inner = HTTPRelayTransport()
    private let paths = Mutex<[String: Int]>([:])

    func exchange(_ request: RelayRequest, server: String, timeoutSeconds: Int64, limit: Int) async throws -> RelayResponse {
        paths.withLock { $0[request.path, default: 0] += 1 }
        return try await inner.exchange(request, server: server, timeoutSeconds: timeoutSeconds, limit: limit)
    }

    func count(of path: String) -> Int { paths.withLock { $0[path] ?? 0 } }
}
