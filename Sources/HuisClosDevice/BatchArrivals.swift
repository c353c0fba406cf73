import Foundation
import GRDB
import HuisClosCrypto
public import HuisClosEngine
public import HuisClosProtocol

/// The relay's arrival time of every batch this device pulled, kept in the encrypted replica
/// (table `device_batch_arrival`), with the range of operation timestamps each batch carries so
/// that a merged field can be traced back to the batch — and the arrival — that wrote it.
///
/// Choices (`Protocol/PROTOCOL.md`, "Arrival times"):
/// - keyed by batch id (author device, scope, sequence); the first time heard is kept (the relay
///   never changes it, and a re-pull after a cut gives the same value);
/// - a batch this device authored gets its time when the sync that pushed it pulls it back (every
///   device pulls its own batches with the rest of the scope's log), not from the push answer: one
///   path for every batch, and the time is the one every other replica sees;
/// - a batch whose body this device cannot open (no key yet) is kept without its range, held,
///   and given its range when the key arrives and it is merged (`attach`).
///
/// What the time proves: the relay — trusted for time, not for content — held the signed batch
/// from that instant. It does not prove when the author wrote it: an offline device's batch gets
/// the time it reached the relay.
public struct BatchArrivals: Sendable {
    /// The replica's database (the change store's, shared with the device's own tables).
    let database: any DatabaseWriter

    /// Keeps the arrival of each batch (`receivedAtMs[i]` for `batches[i]`; 0 means unknown and is
    /// skipped) with its operation stamps as the merge reported them (`ApplyReport.operationStamps`:
    /// the bodies are not opened again); `refused` batches (rejected by the merge) are not kept.
    func record(_ batches: [BatchEnvelope], receivedAtMs: [UInt64], refused: Set<BatchID>,
                stamps: [BatchID: ClosedRange<Timestamp>]) throws {
        var rows: [(BatchEnvelope, Int64, first: Data?, last: Data?)] = []
        for (batch, arrival) in zip(batches, receivedAtMs) where arrival > 0 && !refused.contains(batch.id) {
            let range = stamps[batch.id]
            rows.append((batch, Int64(clamping: arrival), range.map { Data($0.lowerBound.encoded) }, range.map { Data($0.upperBound.encoded) }))
        }
        guard !rows.isEmpty else { return }
        try database.write { db in
            for (batch, arrival, first, last) in rows {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO device_batch_arrival (device, scope, sequence, received_at_ms, first_op, last_op)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [Data(batch.device.bytes), batch.scope.rawValue, Int64(clamping: batch.sequence), arrival, first, last])
            }
        }
    }

    /// Attaches operation stamps to arrivals kept without them: batches held for a key they were
    /// sealed with, merged later when it arrived.
    func attach(_ stamps: [BatchID: ClosedRange<Timestamp>]) throws {
        guard !stamps.isEmpty else { return }
        try database.write { db in
            for (id, range) in stamps {
                try db.execute(sql: """
                    UPDATE device_batch_arrival SET first_op = ?, last_op = ?
                    WHERE device = ? AND scope = ? AND sequence = ? AND first_op IS NULL
                    """, arguments: [Data(range.lowerBound.encoded), Data(range.upperBound.encoded), Data(id.device.bytes),
                                     id.scope.rawValue, Int64(clamping: id.sequence)])
            }
        }
    }

    /// The relay's arrival time (Unix ms) of the batch that carried the operation stamped
    /// `timestamp` in `scope`, or nil when this device has not heard it (not synced since, or
    /// pulled from a relay that did not keep arrival times).
    public func serverTime(of timestamp: Timestamp, in scope: ScopeID) throws -> Int64? {
        let stamp = Data(timestamp.encoded)
        return try database.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT received_at_ms FROM device_batch_arrival
                WHERE device = ? AND scope = ? AND first_op <= ? AND last_op >= ? LIMIT 1
                """, arguments: [Data(timestamp.device.publicKey.bytes), scope.rawValue, stamp, stamp])
        }
    }
}
