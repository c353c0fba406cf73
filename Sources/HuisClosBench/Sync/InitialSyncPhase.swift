import AsyncHTTPClient
import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosReplica
import HuisClosSync
import HuisClosWire
import NIOCore
import NIOHTTP1

/// Phase (a): a fresh device's initial sync, and the floor: the same bytes as plain downloads.
///
/// Each run times both sides into fresh folders, the side that goes first alternating from run to
/// run: whichever runs second finds the first one's 500 MB of written pages still being flushed
/// by the kernel, which on this machine moved one side's time by up to 2× (a sync-first-only bench
/// read 2.97 in one run and 0.83 in the next). CPU time (this process plus the server process)
/// is measured beside wall time: on cores shared with other work it is the steadier figure.
struct InitialSyncPhase {
    let server: BenchServerProcess
    let adminToken: String
    let seeded: SyncWorkload.Seeded
    let folder: URL
    let runs: Int

    /// One side of one run.
    struct Timing {
        var seconds: Double
        /// Of `seconds`, the council log (the rest is the files).
        var logSeconds: Double
        /// CPU seconds of the client and the server processes together.
        var cpuSeconds: Double
    }

    struct Run {
        var sync: Timing
        var raw: Timing
        var syncFirst: Bool
    }

    struct Result {
        var runs: [Run]
        var wireBytes: Double
        var clientPeakMiB: Double
    }

    func run() async throws -> Result {
        let key = try SigningKeyPair.generate()
        let admin = SyncClient(server: server.url, device: nil)
        let code = try await admin.createEnrolmentCode(access: DeviceAccess(readable: [.council]), adminToken: adminToken).code
        let client = SyncClient(server: server.url, device: key)
        _ = try await client.enrol(code: code)
        var result = Result(runs: [], wireBytes: 0, clientPeakMiB: 0)
        for index in 0..<runs {
            let syncFirst = index % 2 == 0
            var sync: Timing?
            var raw: Timing?
            for side in syncFirst ? [true, false] : [false, true] {
                let place = folder.appendingPathComponent("run\(index)-\(side ? "device" : "raw")")
                try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true)
                if side {
                    // The device's replica exists before its first sync (enrolment creates it).
                    let replica = try Replica.create(at: place.appendingPathComponent("replica"), passphrase: "banc d'essai HuisClos",
                                                     limits: .interactive)
                    let store = try BenchMirrorStore(replica: replica)
                    // The peak of the sync alone: not the seeding, nor the passphrase's Argon2id
                    // (64 MiB) that made the replica at enrolment.
                    ProcessStats.resetPeakResident()
                    let written = ProcessStats.bytesWritten(pid: server.pid)
                    sync = try await timed { try await initialSync(client, store: store, files: place) }
                    result.wireBytes = ProcessStats.bytesWritten(pid: server.pid) - written
                    result.clientPeakMiB = max(result.clientPeakMiB, ProcessStats.peakResidentMiB())
                    try replica.close()
                } else {
                    raw = try await timed { try await rawDownload(into: place) }
                }
                try FileManager.default.removeItem(at: place)
            }
            result.runs.append(Run(sync: sync!, raw: raw!, syncFirst: syncFirst))
        }
        return result
    }

    /// Times `body`, which returns the seconds its log part took.
    private func timed(_ body: () async throws -> Double) async throws -> Timing {
        let cpu = ProcessStats.cpuSeconds() + ProcessStats.cpuSeconds(pid: server.pid)
        let start = ContinuousClock.now
        let logSeconds = try await body()
        return Timing(seconds: (ContinuousClock.now - start).seconds, logSeconds: logSeconds,
                      cpuSeconds: ProcessStats.cpuSeconds() + ProcessStats.cpuSeconds(pid: server.pid) - cpu)
    }

    /// The device's side: the council log pulled and verified into a fresh mirror store in an
    /// encrypted replica, then every file downloaded chunk by chunk into `device`, each chunk's
    /// hash checked; returns the log's seconds.
    private func initialSync(_ client: SyncClient, store: BenchMirrorStore, files device: URL) async throws -> Double {
        let start = ContinuousClock.now
        _ = try await SyncDriver(client: client, store: store).sync()
        let logSeconds = (ContinuousClock.now - start).seconds
        for id in seeded.fileIDs {
            try await FileTransfer(client: client).download(id, to: device.appendingPathComponent(id.rawValue))
        }
        return logSeconds
    }

    /// The floor: GET the same batch bytes and chunks with no protocol, into files like the sync;
    /// returns the seconds the log's pages took.
    private func rawDownload(into folder: URL) async throws -> Double {
        let start = ContinuousClock.now
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
        let logSeconds = (ContinuousClock.now - start).seconds
        for (id, hashes) in zip(seeded.fileIDs, seeded.chunkHashes) {
            let file = try FileHandle(forWritingTo: create(folder.appendingPathComponent(id.rawValue)))
            for hash in hashes {
                let response = try await http.execute(HTTPClientRequest(url: "\(server.url)/bench/raw/chunks/\(Hex.encode(hash))"),
                                                      timeout: .seconds(60))
                try file.write(contentsOf: try await response.body.collect(upTo: WireLimits.chunkBytesMax).readableBytesView)
            }
            try file.close()
        }
        return logSeconds
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
