import AsyncHTTPClient
import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosSync
import HuisClosWire
import NIOCore

/// Phase (a): a fresh device's initial sync, and the floor: the same bytes as plain downloads.
struct InitialSyncPhase {
    let server: BenchServerProcess
    let adminToken: String
    let seeded: SyncWorkload.Seeded
    let folder: URL

    struct Result {
        var seconds: Double
        var wireBytes: Double
        var rawSeconds: Double
        var clientPeakMiB: Double
    }

    func run() async throws -> Result {
        let key = try SigningKeyPair.generate()
        let admin = SyncClient(server: server.url, device: nil)
        let code = try await admin.createEnrolmentCode(access: DeviceAccess(readable: [.council]), adminToken: adminToken).code
        let client = SyncClient(server: server.url, device: key)
        _ = try await client.enrol(code: code)
        let device = folder.appendingPathComponent("device")
        try FileManager.default.createDirectory(at: device, withIntermediateDirectories: true)

        let written = ProcessStats.bytesWritten(pid: server.pid)
        let start = ContinuousClock.now
        _ = try await SyncDriver(client: client, store: try BenchMirrorStore(folder: device)).sync()
        for id in seeded.fileIDs {
            try await FileTransfer(client: client).download(id, to: device.appendingPathComponent(id.rawValue))
        }
        let seconds = (ContinuousClock.now - start).seconds
        let wire = ProcessStats.bytesWritten(pid: server.pid) - written
        let peak = ProcessStats.peakResidentMiB()

        let raw = folder.appendingPathComponent("raw")
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        let rawStart = ContinuousClock.now
        try await rawDownload(into: raw)
        return Result(seconds: seconds, wireBytes: wire, rawSeconds: (ContinuousClock.now - rawStart).seconds, clientPeakMiB: peak)
    }

    /// The floor: GET the same batch bytes and chunks with no protocol, into files like the sync.
    private func rawDownload(into folder: URL) async throws {
        let http = SyncClient.sharedHTTPClient
        var after = "0"
        let log = try FileHandle(forWritingTo: create(folder.appendingPathComponent("log")))
        for _ in 0..<10_000 {
            let response = try await http.execute(HTTPClientRequest(url: "\(server.url)/bench/raw/scopes/council/\(after)"), timeout: .seconds(60))
            let body = try await response.body.collect(upTo: WireLimits.pullBytesMax + WireLimits.batchBodyBytesMax)
            try log.write(contentsOf: body.readableBytesView)
            let cursor = response.headers.first(name: "Bench-Cursor") ?? after
            if cursor == response.headers.first(name: "Bench-Head") || cursor == after { break }
            after = cursor
        }
        try log.close()
        for (id, hashes) in zip(seeded.fileIDs, seeded.chunkHashes) {
            let file = try FileHandle(forWritingTo: create(folder.appendingPathComponent(id.rawValue)))
            for hash in hashes {
                let response = try await http.execute(HTTPClientRequest(url: "\(server.url)/bench/raw/chunks/\(Hex.encode(hash))"),
                                                      timeout: .seconds(60))
                try file.write(contentsOf: try await response.body.collect(upTo: WireLimits.chunkBytesMax).readableBytesView)
            }
            try file.close()
        }
    }

    private func create(_ url: URL) throws -> URL {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return url
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
