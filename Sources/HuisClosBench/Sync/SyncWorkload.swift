import Foundation
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosServer
import HuisClosWire

/// The server-side data of the initial-sync benchmark, written straight into storage before the
/// server starts: operations as batches of opaque (sealed-looking) bodies, and files as chunks.
struct SyncWorkload: Sendable {
    /// Operations in the council log.
    var operations = 100_000
    /// Operations per batch: a device's typical push after some offline editing.
    var operationsPerBatch = 100
    /// Bytes per encoded, sealed operation (record id, field, value, clock, AEAD share).
    var operationBytes = 64
    /// Authoring devices.
    var authors = 10
    /// Files, and their total size.
    var files = 200
    var fileBytesTotal = 500 * 1_000_000

    /// Payload bytes a fresh device must receive: batch bytes plus file bytes.
    struct Seeded: Sendable {
        var batchBytes = 0
        var fileBytes = 0
        var fileIDs: [FileID] = []
        /// Each file's chunk hashes, in file order.
        var chunkHashes: [[[UInt8]]] = []
    }

    /// Writes the workload into `storage`, streaming (one chunk in memory at a time).
    func seed(_ storage: any ServerStorage) async throws -> Seeded {
        var seeded = Seeded()
        let batches = operations / operationsPerBatch
        let perAuthor = batches / authors
        for author in 0..<authors {
            let key = try SigningKeyPair.fromSeed(SecureBytes(copying: [UInt8](repeating: UInt8(author + 1), count: 32)))
            var previous = BatchEnvelope.genesisHash
            var pending: [BatchEnvelope] = []
            for sequence in 1...perAuthor {
                var body = [UInt8](repeating: 0, count: operationsPerBatch * operationBytes)
                fill(&body, seed: UInt64(author * 1_000_000 + sequence))
                let batch = try BatchEnvelope.sign(device: key, scope: .council, epoch: 1, sequence: UInt64(sequence),
                                                   previousHash: previous, bodyKind: .sealed, body: body)
                previous = batch.hash
                seeded.batchBytes += batch.encoded.count
                pending.append(batch)
                if pending.count == WireLimits.pushBatchesMax || sequence == perAuthor {
                    _ = try await storage.push(pending, receivedAt: SystemWallClock().date)
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
        let fileBytes = fileBytesTotal / files
        let uploader = try SigningKeyPair.fromSeed(SecureBytes(copying: [UInt8](repeating: 0xF0, count: 32))).publicKey
        for index in 0..<files {
            let id = try FileID(String(format: "%032x", index))
            var hashes: [[UInt8]] = []
            var offset = 0
            while offset < fileBytes {
                var chunk = [UInt8](repeating: 0, count: min(WireLimits.chunkBytesMax, fileBytes - offset))
                fill(&chunk, seed: UInt64(index) << 32 | UInt64(offset))
                let hash = Hash.blake2b(chunk)
                try await storage.storeChunk(hash: hash, bytes: chunk, scope: .council, device: uploader)
                hashes.append(hash)
                offset += chunk.count
            }
            _ = try await storage.declare(FileManifestRecord(id: id, scope: .council, chunkHashes: hashes, totalSize: UInt64(fileBytes)),
                                         by: uploader)
            seeded.fileIDs.append(id)
            seeded.chunkHashes.append(hashes)
            seeded.fileBytes += fileBytes
        }
        return seeded
    }

    /// Incompressible pseudo-random bytes (ciphertext stand-in), fast.
    private func fill(_ bytes: inout [UInt8], seed: UInt64) {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        bytes.withUnsafeMutableBytes { raw in
            let words = raw.count / 8
            let pointer = raw.baseAddress!
            for index in 0..<words {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                pointer.storeBytes(of: z ^ (z >> 31), toByteOffset: index * 8, as: UInt64.self)
            }
        }
    }
}
