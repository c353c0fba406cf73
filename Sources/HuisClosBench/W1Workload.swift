import Foundation
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol

/// Workload W1 (shared/bench/gen_w1.py): each replica's field edits, turned into signed batches.
struct W1Workload {
    /// Every replica's batches, canonical bytes, in chain order.
    let batchesByReplica: [[[UInt8]]]
    /// The replicas' devices (all allowed to write).
    let devices: [SigningPublicKey]
    /// Operations in all.
    let operationCount: Int
    /// The latest edit time: the merging replica's wall clock, so no batch is held as "ahead".
    let latestMs: UInt64

    /// Parses the TSV (replica, seq, time_ms, record, field, value) and signs each replica's edits
    /// in batches of `batchSize`, stamped by a hybrid logical clock fed with the edit times.
    init(tsv path: String, batchSize: Int) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var edits: [Int: [(time: UInt64, record: String, field: String, value: String)]] = [:]
        var latest: UInt64 = 0
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 6, let replica = Int(columns[0]), let time = UInt64(columns[2]) else {
                throw ValidationFailure("W1 line is not replica, seq, time_ms, record, field, value: \(line.prefix(80))")
            }
            edits[replica, default: []].append((time, String(columns[3]), String(columns[4]), String(columns[5])))
            latest = max(latest, time)
        }
        var batches: [[[UInt8]]] = []
        var devices: [SigningPublicKey] = []
        for replica in edits.keys.sorted() {
            let device = try SigningKeyPair.fromSeed(SecureBytes(copying: Hash.blake2b(Array("w1 replica \(replica)".utf8))))
            devices.append(device.publicKey)
            var clock = HybridLogicalClock()
            var operations: [ChangeOperation] = []
            for edit in edits[replica]! {
                let change = Change.set(try RecordKey(kind: "item", id: edit.record), field: edit.field, value: .text(edit.value))
                operations.append(ChangeOperation(hlc: try clock.tick(wallMs: edit.time), change: change))
            }
            var previousHash = BatchEnvelope.genesisHash
            var signed: [[UInt8]] = []
            for (index, start) in stride(from: 0, to: operations.count, by: batchSize).enumerated() {
                let chunk = Array(operations[start..<min(start + batchSize, operations.count)])
                let batch = try OpenedBatch.sign(chunk, device: device, scope: .public, sequence: UInt64(index + 1),
                                                 previousHash: previousHash, logPosition: 0, codec: PlainBodyCodec())
                previousHash = batch.hash
                signed.append(batch.envelope.encoded)
            }
            batches.append(signed)
        }
        batchesByReplica = batches
        self.devices = devices
        operationCount = edits.values.reduce(0) { $0 + $1.count }
        latestMs = latest
    }
}

/// A bench input error, with what to do.
struct ValidationFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A wall clock that always reads one instant.
struct FixedWallClock: WallClock {
    let ms: UInt64
    func nowMs() -> UInt64 { ms }
}
