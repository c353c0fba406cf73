public import Foundation
import GRDB
import HuisClosCrypto
public import HuisClosProtocol

extension SQLiteServerStorage {
    public func push(_ batches: [BatchEnvelope], receivedAt: Date) async throws(StorageError) -> [PushOutcome] {
        guard !batches.isEmpty else { return [] }
        let milliseconds = Int64(max(0, (receivedAt.timeIntervalSince1970 * 1000).rounded(.down)))
        return try await mapped("appending batches") { try await pushes.push(batches, receivedAtMs: milliseconds) }
    }

    /// Classifies one batch against the stored chain and appends it, with its arrival time in
    /// Unix ms, when it is the next link.
    @Sendable static func place(_ batch: BatchEnvelope, receivedAtMs: Int64, in db: Database) throws -> PushOutcome {
        let device = Data(batch.device.bytes)
        let scope = batch.scope.rawValue
        let headRow = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT sequence, hash FROM scope_log WHERE device = ? AND scope = ? ORDER BY sequence DESC LIMIT 1
            """), arguments: [device, scope])
        let head = headRow.map { (sequence: UInt64($0["sequence"] as Int64), hash: Array($0["hash"] as Data)) }
        // Read the held link first (only a sequence at or below the head can be held), so a
        // database error surfaces as an error instead of looking like a fork.
        let held = batch.sequence <= (head?.sequence ?? 0)
            ? try Row.fetchOne(db.cachedStatement(sql: """
                SELECT hash, position FROM scope_log WHERE device = ? AND scope = ? AND sequence = ?
                """), arguments: [device, scope, Int64(batch.sequence)])
            : nil
        let position = ChainPosition.of(batch, head: head) { _ in held.map { Array($0["hash"] as Data) } }
        switch position {
        case .duplicate:
            return .duplicate(cursor: UInt64(held?["position"] as Int64? ?? 0))
        case .gap(let expected):
            return .gap(expected: expected)
        case .fork:
            return .fork
        case .next:
            let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT MAX(position) FROM scope_log WHERE scope = ?"),
                                          arguments: [scope]) ?? 0
            try db.cachedStatement(sql: """
                INSERT INTO scope_log (scope, position, device, sequence, hash, bytes, received_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [scope, last + 1, device, Int64(batch.sequence), Data(batch.hash), Data(batch.encoded),
                                       receivedAtMs])
            return .accepted(cursor: UInt64(last + 1))
        }
    }

    public func pull(scope: ScopeID, after: UInt64, maxBatches: Int, maxBytes: Int) async throws(StorageError) -> PullPage {
        precondition(maxBatches >= 1 && maxBytes >= 1, "a page holds at least one batch")
        let start = Int64(clamping: after)
        return try await read("reading a scope log") { db in
            var page = PullPageBuilder(after: after, maxBytes: maxBytes)
            let rows = try Row.fetchCursor(db, sql: """
                SELECT position, bytes, received_at_ms FROM scope_log WHERE scope = ? AND position > ? ORDER BY position LIMIT ?
                """, arguments: [scope.rawValue, start, maxBatches])
            while let row = try rows.next(),
                  page.add(Array(row["bytes"] as Data), position: UInt64(row["position"] as Int64), receivedAtMs: row["received_at_ms"]) {}
            let head = try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM scope_log WHERE scope = ?",
                                          arguments: [scope.rawValue]) ?? 0
            return page.page(head: UInt64(head))
        }
    }

    public func heads(of scopes: Set<ScopeID>) async throws(StorageError) -> [ScopeID: UInt64] {
        try await read("reading log heads") { db in
            var heads: [ScopeID: UInt64] = [:]
            for scope in scopes {
                let head = try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM scope_log WHERE scope = ?",
                                              arguments: [scope.rawValue]) ?? 0
                heads[scope] = UInt64(head)
            }
            return heads
        }
    }
}
