import Foundation
import GRDB
import HuisClosCrypto
@testable import HuisClosDossiers
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// A file sealed in memory for transfer tests: its chunks are kept so a test can alter or drop them.
struct SealedCopy {
    let key: SecureBytes
    let chunks: [[UInt8]]

    var chunkHashes: [[UInt8]] { chunks.map { Hash.blake2b($0) } }

    static func seal(_ plaintext: [UInt8]) throws -> SealedCopy {
        var chunks: [[UInt8]] = []
        let (key, _) = try DossierSource.bytes(plaintext).reading { read in try SealedFile.seal(read: read) { chunks.append($0) } }
        return SealedCopy(key: key, chunks: chunks)
    }

    /// Keeps this file in `cache` as `id`, through the cache's checks.
    func keep(in cache: DossierCache, as id: FileID, scope: ScopeID) throws {
        try cache.keep(manifest: chunkHashes, of: id.rawValue, scope: scope, fingerprint: SealedFile.fingerprint(chunkHashes: chunkHashes))
        for (hash, chunk) in zip(chunkHashes, chunks) { try cache.keep(chunk: chunk, hash: hash) }
    }
}

/// Dossier files sealed end to end and moved through a real relay on loopback, between the
/// replicas' caches.
@Suite(.tags(.slow)) struct SealedTransferTests {
    /// 2.5 MiB of varied bytes: three sealed chunks.
    static let content: [UInt8] = (0..<(5 * 524_288)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }

    /// A cache over a fresh in-memory database.
    static func cache() throws -> DossierCache {
        let database = try DatabaseQueue()
        try DossierSchema.migrate(database)
        return DossierCache(database: database)
    }

    /// Uploads `sealed` as `id` from a fresh cache; returns the chunks sent.
    @discardableResult
    static func upload(_ sealed: SealedCopy, _ id: FileID, scope: ScopeID = .council, via client: SyncClient) async throws -> Int {
        let cache = try cache()
        try sealed.keep(in: cache, as: id, scope: scope)
        return try await SealedFileTransfer(client: client).upload(id, scope: scope, from: cache)
    }

    /// Fetches `id` into a fresh cache checked against `fingerprint`, then opens it with `key`.
    static func collect(_ id: FileID, key: SecureBytes, fingerprint: [UInt8], scope: ScopeID = .council,
                        via client: SyncClient) async throws -> [UInt8] {
        let cache = try cache()
        try await SealedFileTransfer(client: client).fetch(id, scope: scope, fingerprint: fingerprint, into: cache)
        var out: [UInt8] = []
        try await cache.open(id.rawValue, key: key, fingerprint: fingerprint) { out += $0 }
        return out
    }

    static func fingerprint(_ sealed: SealedCopy) -> [UInt8] { SealedFile.fingerprint(chunkHashes: sealed.chunkHashes) }

    @Test func sealedFileRoundTripsThroughTheRelayAndResumedTransfersMoveNothingTwice() async throws {
        try await TestServer.with("dossier-roundtrip") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let transfer = SealedFileTransfer(client: device.client)
            let sealed = try SealedCopy.seal(Self.content)
            #expect(sealed.chunks.count == 3)
            #expect(sealed.chunks.allSatisfy { $0.count <= WireLimits.chunkBytesMax })
            let id = try FileID("d0551e70-0000-4000-8000-000000000001")
            let source = try Self.cache()
            try sealed.keep(in: source, as: id, scope: .council)
            #expect(try await transfer.upload(id, scope: .council, from: source) == 3)
            #expect(try await transfer.upload(id, scope: .council, from: source) == 0, "stored chunks are not sent again")
            let target = try Self.cache()
            #expect(try await transfer.fetch(id, scope: .council, fingerprint: Self.fingerprint(sealed), into: target) == 3)
            #expect(try await transfer.fetch(id, scope: .council, fingerprint: Self.fingerprint(sealed), into: target) == 0,
                    "held chunks are not fetched again")
            var out: [UInt8] = []
            try await target.open(id.rawValue, key: sealed.key, fingerprint: Self.fingerprint(sealed)) { out += $0 }
            #expect(out == Self.content)
            #expect(try await server.storage.manifest(id) != nil)
        }
    }

    @Test func aFetchCutMidwayKeepsWhatArrivedAndTheNextFetchesOnlyTheRest() async throws {
        try await TestServer.with("dossier-fetch-cut") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let sealed = try SealedCopy.seal(Self.content + Self.content)  // 5 MiB: 6 chunks
            let id = try FileID("d0551e70-0000-4000-8000-000000000006")
            try await Self.upload(sealed, id, via: device.client)
            let proxy = try await CutProxy(targetPort: server.port, cutAfterBytes: 2_000)
            defer { proxy.stop() }
            let viaProxy = SyncClient(server: "http://127.0.0.1:\(proxy.port)", device: device.key)
            let target = try Self.cache()
            await #expect(throws: (any Error).self) {
                try await SealedFileTransfer(client: viaProxy).fetch(id, scope: .council, fingerprint: Self.fingerprint(sealed), into: target)
            }
            let held = sealed.chunks.count - (try target.missingChunks(of: id.rawValue).count)
            #expect(held > 0 && held < sealed.chunks.count, "the cut fell midway: \(held) chunks held")
            proxy.disarm()
            let fetched = try await SealedFileTransfer(client: viaProxy).fetch(id, scope: .council, fingerprint: Self.fingerprint(sealed), into: target)
            #expect(fetched == sealed.chunks.count - held, "only the missing chunks are fetched after the cut")
            var out: [UInt8] = []
            try await target.open(id.rawValue, key: sealed.key, fingerprint: Self.fingerprint(sealed)) { out += $0 }
            #expect(out == Self.content + Self.content)
        }
    }

    @Test func alteredChunkIsRejectedEvenWhenTheRelayRecomputesItsHash() async throws {
        try await TestServer.with("dossier-tamper") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let original = try SealedCopy.seal(Self.content)
            var chunks = original.chunks
            chunks[1][100] ^= 0x01
            let tampered = SealedCopy(key: original.key, chunks: chunks)
            let id = try FileID("d0551e70-0000-4000-8000-000000000002")
            try await Self.upload(tampered, id, via: device.client)
            await #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) {
                _ = try await Self.collect(id, key: original.key, fingerprint: Self.fingerprint(tampered), via: device.client)
            }
            let target = try Self.cache()
            await #expect(throws: DossierError.self, "a manifest other than the recorded one is refused before anything is fetched") {
                try await SealedFileTransfer(client: device.client).fetch(id, scope: .council, fingerprint: Self.fingerprint(original), into: target)
            }
            #expect(try target.manifest(of: id.rawValue) == nil && target.heldBytes() == 0)
        }
    }

    @Test func chunkAlteredInTheRelaysStorageIsRefusedAndNotCached() async throws {
        try await TestServer.with("dossier-tamper-stored") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let sealed = try SealedCopy.seal(Self.content)
            let id = try FileID("d0551e70-0000-4000-8000-000000000005")
            try await Self.upload(sealed, id, via: device.client)
            // The relay's own copy of chunk 1 altered in place, its address (hash) unchanged.
            let storage = try DatabaseQueue(path: server.folder.appendingPathComponent(SQLiteServerStorage.fileName).path)
            var bytes = sealed.chunks[1]
            bytes[500] ^= 0x80
            let altered = bytes
            try await storage.write { db in
                try db.execute(sql: "UPDATE chunk SET bytes = ? WHERE hash = ?", arguments: [Data(altered), Data(sealed.chunkHashes[1])])
            }
            try storage.close()
            let target = try Self.cache()
            let refused = await #expect(throws: DossierError.self) {
                try await SealedFileTransfer(client: device.client).fetch(id, scope: .council, fingerprint: Self.fingerprint(sealed), into: target)
            }
            #expect(refused?.code == .integrity)
            #expect(try target.chunk(sealed.chunkHashes[1]) == nil, "the altered chunk is not kept")
            #expect(try target.missingChunks(of: id.rawValue) == Array(sealed.chunkHashes[1...]))
            #expect(try !target.isComplete(id.rawValue))
        }
    }

    @Test func fileCutShortIsRejectedAsIncomplete() async throws {
        try await TestServer.with("dossier-truncated") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let original = try SealedCopy.seal(Self.content)
            let truncated = SealedCopy(key: original.key, chunks: Array(original.chunks.prefix(2)))
            let id = try FileID("d0551e70-0000-4000-8000-000000000003")
            try await Self.upload(truncated, id, via: device.client)
            await #expect(throws: CryptoError(.streamIncomplete, CryptoError.Code.streamIncomplete.text)) {
                _ = try await Self.collect(id, key: original.key, fingerprint: Self.fingerprint(truncated), via: device.client)
            }
        }
    }

    @Test func workingGroupDossierIsNeverDeliveredOutsideTheGroup() async throws {
        try await TestServer.with("dossier-group") { server in
            let group = try DossierScopes.group("budget")
            let member = try await TestDevice.enrolled(on: server.url,
                access: DeviceAccess(readable: [.council, group], writable: [.council, group]))
            let outsider = try await TestDevice.enrolled(on: server.url,
                access: DeviceAccess(readable: [.council], writable: [.council]))
            let sealed = try SealedCopy.seal(Array("Note budgétaire confidentielle".utf8))
            let id = try FileID("d0551e70-0000-4000-8000-000000000004")
            try await Self.upload(sealed, id, scope: group, via: member.client)
            #expect(try await Self.collect(id, key: sealed.key, fingerprint: Self.fingerprint(sealed), scope: group, via: member.client)
                    == Array("Note budgétaire confidentielle".utf8))

            await #expect(throws: APIError(.forbidden)) { _ = try await outsider.client.fileStatus(id) }
            await #expect(throws: APIError(.forbidden)) {
                _ = try await outsider.client.download(chunk: sealed.chunkHashes[0], file: id)
            }
            await #expect(throws: APIError(.forbidden)) { _ = try await outsider.client.pull(scope: group, after: 0) }
            // Even holding the ciphertext, another key cannot open it.
            let wrongKey = try SealedCopy.seal([0])
            await #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) {
                try await SealedFile.open(count: sealed.chunks.count, key: wrongKey.key, fetch: { sealed.chunks[$0] }, sink: { _ in })
            }
        }
    }

    @Test func privateNoteScopeIsNotDeliveredToTheSecretariatsDevice() async throws {
        try await TestServer.with("dossier-private") { server in
            let alice = DossierScopes.member(try MemberID.generate())
            let secretariat = try await TestDevice.enrolled(on: server.url,
                access: DeviceAccess(readable: [.council, .public], writable: [.council, .public]))
            await #expect(throws: APIError(.forbidden)) { _ = try await secretariat.client.pull(scope: alice, after: 0) }
        }
    }
}
