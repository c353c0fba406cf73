import ArgumentParser
import AsyncHTTPClient
import Foundation
import HuisClosCrypto
import HuisClosDossiers
import HuisClosProtocol
import HuisClosReplica
import HuisClosSync
import HuisClosWire
import NIOCore

/// `huisclos-bench prefetch`: what bringing one dossier version into a member's device costs —
/// the sealed chunks fetched, each checked against its hash and kept in the encrypted replica,
/// then opened as `dossiers lire` does — against the floor: the same chunks downloaded plainly
/// from the same server process into a file.
struct PrefetchBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "prefetch", abstract: "Dossier content into the encrypted replica vs raw download.")

    @Option(help: "Version size, MiB.") var mebibytes = 10
    @Option(help: "Runs (the median is reported).") var runs = 5

    func run() async throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? NSTemporaryDirectory()
        let folder = URL(fileURLWithPath: base).appendingPathComponent("huisclos-bench-prefetch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let adminToken = "bench-admin-token-0123456789abcdef"
        let server = try BenchServerProcess(folder: folder.appendingPathComponent("server"), adminToken: adminToken)
        defer { server.stop() }
        let key = try SigningKeyPair.generate()
        let code = try await SyncClient(server: server.url, device: nil)
            .createEnrolmentCode(access: DeviceAccess(readable: [.council], writable: [.council]), adminToken: adminToken).code
        let client = SyncClient(server: server.url, device: key)
        _ = try await client.enrol(code: code)

        let (fileKey, hashes) = try await upload(bytes: mebibytes * 1_048_576, client: client, folder: folder)
        let id = try FileID("b0000000-0000-4000-8000-000000000001")
        var fetch: [Double] = [], read: [Double] = [], raw: [Double] = [], wire: [Double] = []
        for run in 0..<runs {
            let device = folder.appendingPathComponent("device-\(run)")
            let replica = try Replica.create(at: device, passphrase: "banc d'essai HuisClos", limits: .interactive)
            try DossierSchema.migrate(replica.database)
            let cache = DossierCache(database: try replica.database)
            let start = ContinuousClock.now
            try await SealedFileTransfer(client: client).fetch(id, scope: .council, fingerprint: SealedFile.fingerprint(chunkHashes: hashes), into: cache)
            fetch.append((ContinuousClock.now - start).seconds)
            var opened = 0
            try await cache.open(id.rawValue, key: fileKey, fingerprint: SealedFile.fingerprint(chunkHashes: hashes)) { opened += $0.count }
            read.append((ContinuousClock.now - start).seconds)
            try replica.close()
            let wireStart = ContinuousClock.now
            for hash in hashes { _ = try await client.download(chunk: hash, file: id) }
            wire.append((ContinuousClock.now - wireStart).seconds)
            let rawStart = ContinuousClock.now
            try await rawDownload(hashes, into: folder.appendingPathComponent("raw-\(run)"), server: server.url)
            raw.append((ContinuousClock.now - rawStart).seconds)
        }
        let (f, r, w) = (median(fetch), median(read), median(raw))
        print("\(mebibytes) MiB version, \(hashes.count) chunks, median of \(runs): fetch into the encrypted replica \(format(f)) s; "
              + "fetch + open (as dossiers lire) \(format(r)) s; authenticated, hash-checked chunk downloads into memory "
              + "\(format(median(wire))) s; raw download into a file \(format(w)) s")
        print("RATIO prefetch.fetch_vs_raw=\(format(f / w)) prefetch.fetch_open_vs_raw=\(format(r / w))")
    }

    /// Seals `bytes` of varied content and uploads it as the bench file; returns its key and chunk hashes.
    private func upload(bytes: Int, client: SyncClient, folder: URL) async throws -> (SecureBytes, [[UInt8]]) {
        let staging = try Replica.create(at: folder.appendingPathComponent("author"), passphrase: "banc d'essai HuisClos", limits: .interactive)
        defer { try? staging.close() }
        try DossierSchema.migrate(staging.database)
        let cache = DossierCache(database: try staging.database)
        var offset = 0
        var chunks: [[UInt8]] = []
        let (key, _) = try SealedFile.seal(read: { count in
            let end = min(bytes, offset + count)
            defer { offset = end }
            return (offset..<end).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 11) }
        }, emit: { chunks.append($0) })
        let hashes = chunks.map { Hash.blake2b($0) }
        try cache.keep(manifest: hashes, of: "b0000000-0000-4000-8000-000000000001", scope: .council,
                       fingerprint: SealedFile.fingerprint(chunkHashes: hashes))
        for (hash, chunk) in zip(hashes, chunks) { try cache.keep(chunk: chunk, hash: hash) }
        try await SealedFileTransfer(client: client).upload(try FileID("b0000000-0000-4000-8000-000000000001"), scope: .council, from: cache)
        return (key, hashes)
    }

    /// The floor: GET the same chunks with no protocol into one file.
    private func rawDownload(_ hashes: [[UInt8]], into path: URL, server: String) async throws {
        guard FileManager.default.createFile(atPath: path.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path.path])
        }
        let file = try FileHandle(forWritingTo: path)
        defer { try? file.close() }
        for hash in hashes {
            let response = try await SyncClient.sharedHTTPClient.execute(
                HTTPClientRequest(url: "\(server)/bench/raw/chunks/\(Hex.encode(hash))"), timeout: .seconds(60))
            try file.write(contentsOf: try await response.body.collect(upTo: WireLimits.chunkBytesMax).readableBytesView)
        }
    }

    private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
