import Foundation
import GRDB
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import HuisClosSync

/// The change store seen by the sync driver: outbox and acknowledgements from the store, cursors
/// in the device's own table of the same encrypted replica.
struct StoreSyncAdapter: SyncLocalStore {
    let store: ChangeStore
    /// Where pulled batches' relay arrival times are kept.
    let arrivals: BatchArrivals

    func outbox() async throws -> [BatchEnvelope] { try store.outbox() }

    func acknowledge(_ ids: [BatchID]) async throws {
        var highest: [ScopeID: UInt64] = [:]
        for id in ids { highest[id.scope] = max(highest[id.scope] ?? 0, id.sequence) }
        for (scope, sequence) in highest { try store.acknowledge(scope: scope, upTo: sequence) }
    }

    func apply(_ batches: [BatchEnvelope], receivedAtMs: [UInt64], scope: ScopeID) async throws -> PullReport {
        let report = try store.apply(batches: batches)
        // Kept before the cursor moves past the page: a cut here re-pulls it and records it again.
        try arrivals.record(batches, receivedAtMs: receivedAtMs, refused: Set(report.rejected.compactMap(\.id)),
                             stamps: report.operationStamps)
        try arrivals.attach(report.operationStamps)  // batches held for their key, merged now
        var result = PullReport(applied: report.applied.count + report.held.count, duplicates: report.duplicates.count)
        for rejected in report.rejected { if let id = rejected.id { result.rejected[id] = rejected.error.text } }
        return result
    }

    func cursor(for scope: ScopeID) async throws -> LogCursor {
        try await store.database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT position, batch_hash FROM device_cursor WHERE scope = ?",
                                             arguments: [scope.rawValue]) else { return .start }
            let position = UInt64(row["position"] as Int64)
            let hash = (row["batch_hash"] as Data?).map { [UInt8]($0) }
            return LogCursor(position: position, batchHash: position == 0 ? nil : hash)
        }
    }

    func setCursor(_ cursor: LogCursor, for scope: ScopeID) async throws {
        try await store.database.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO device_cursor (scope, position, batch_hash) VALUES (?, ?, ?)",
                           arguments: [scope.rawValue, Int64(clamping: cursor.position), cursor.batchHash.map { Data($0) }])
        }
    }

    /// In the relay's former log order as far as this device knows it — by arrival time (0, from a
    /// relay that did not keep them, first), then author and sequence (one push request is one
    /// author's chain) — and its own batches not pulled back yet last: pushed back in this order,
    /// the lost batches take their former positions again, so the other devices' cursors still
    /// point at the batches they pulled there (`LogCursor`).
    func ownHeads() async throws -> [BatchEnvelope] {
        try store.heads().filter { $0.device == store.devicePublicKey }.compactMap { try store.batch($0) }
    }

    func batches(in scope: ScopeID) async throws -> [BatchEnvelope] {
        try await store.database.read { db in
            try Data.fetchAll(db, sql: """
                SELECT b.bytes FROM batches b LEFT JOIN device_batch_arrival a
                  ON a.device = b.device AND a.scope = b.scope AND a.sequence = b.sequence
                WHERE b.scope = ? ORDER BY a.received_at_ms IS NULL, a.received_at_ms, b.device, b.sequence
                """, arguments: [scope.rawValue])
        }.map { try BatchEnvelope(verifying: [UInt8]($0)) }
    }
}
