public import Foundation
import HuisClosCrypto
public import HuisClosProtocol
public import HuisClosServer
import Logging
import NIOCore
import PostgresNIO

extension PostgresServerStorage {
    public func push(_ batches: [BatchEnvelope], receivedAt: Date) async throws(StorageError) -> [PushOutcome] {
        guard !batches.isEmpty else { return [] }
        let milliseconds = max(0, receivedAt.unixMilliseconds)
        let scopes = Set(batches.map(\.scope.rawValue)).sorted()
        return try await write("appending batches") { connection in
            // One lock per scope, taken in a fixed order (no deadlock between two pushes): every
            // instance placing in a scope waits for the others, so a concurrent duplicate sees the
            // first copy and answers `.duplicate` instead of appending it twice.
            for scope in scopes {
                try await connection.run("SELECT pg_advisory_xact_lock(hashtextextended(\(scope), \(lockSeed)))", logger)
            }
            var outcomes: [PushOutcome] = []
            for batch in batches {
                outcomes.append(try await Self.place(batch, receivedAtMs: milliseconds, on: connection, logger: logger))
            }
            return outcomes
        }
    }

    /// Classifies one batch against the stored chain and appends it when it is the next link
    /// (the same rule as `SQLiteServerStorage.place`, through `ChainPosition`).
    static func place(_ batch: BatchEnvelope, receivedAtMs: Int64, on connection: PostgresConnection, logger: Logger) async throws
        -> PushOutcome
    {
        let device = bytea(batch.device.bytes)
        let scope = batch.scope.rawValue
        let head = try await connection.rows("""
            SELECT sequence, hash FROM scope_log WHERE device = \(device) AND scope = \(scope) ORDER BY sequence DESC LIMIT 1
            """, logger).first.map { row in
            let (sequence, hash) = try row.decode((Int64, ByteBuffer).self)
            return (sequence: UInt64(sequence), hash: hash.bytes)
        }
        // Read the held link first, so a database error surfaces as an error, not as a fork.
        let held = batch.sequence <= (head?.sequence ?? 0)
            ? try await connection.rows("""
                SELECT hash, position FROM scope_log WHERE device = \(device) AND scope = \(scope) AND sequence = \(Int64(batch.sequence))
                """, logger).first.map { row in
                let (hash, position) = try row.decode((ByteBuffer, Int64).self)
                return (hash: hash.bytes, position: position)
            }
            : nil
        switch ChainPosition.of(batch, head: head, heldHash: { _ in held?.hash }) {
        case .duplicate:
            return .duplicate(cursor: UInt64(held?.position ?? 0))
        case .gap(let expected):
            return .gap(expected: expected)
        case .fork:
            return .fork
        case .next:
            let last = try await connection.value(Int64.self, "SELECT MAX(position) FROM scope_log WHERE scope = \(scope)", logger) ?? 0
            try await connection.run("""
                INSERT INTO scope_log (scope, position, device, sequence, hash, bytes, received_at_ms)
                VALUES (\(scope), \(last + 1), \(device), \(Int64(batch.sequence)), \(bytea(batch.hash)), \(bytea(batch.encoded)), \(receivedAtMs))
                """, logger)
            return .accepted(cursor: UInt64(last + 1))
        }
    }

    public func pull(scope: ScopeID, after: UInt64, maxBatches: Int, maxBytes: Int) async throws(StorageError) -> PullPage {
        precondition(maxBatches >= 1 && maxBytes >= 1, "a page holds at least one batch")
        let start = Int64(clamping: after)
        // One transaction: the page and the head come from the same snapshot.
        return try await write("reading a scope log") { connection in
            var page = PullPageBuilder(after: after, maxBytes: maxBytes)
            let rows = try await connection.rows("""
                SELECT position, bytes, received_at_ms FROM scope_log WHERE scope = \(scope.rawValue) AND position > \(start)
                ORDER BY position LIMIT \(Int64(maxBatches))
                """, logger)
            for row in rows {
                let (position, batch, arrival) = try row.decode((Int64, ByteBuffer, Int64).self)
                guard page.add(batch.bytes, position: UInt64(position), receivedAtMs: arrival) else { break }
            }
            let head = try await connection.value(Int64.self, "SELECT MAX(position) FROM scope_log WHERE scope = \(scope.rawValue)", logger) ?? 0
            return page.page(head: UInt64(head))
        }
    }

    public func heads(of scopes: Set<ScopeID>) async throws(StorageError) -> [ScopeID: UInt64] {
        try await read("reading log heads") { connection in
            var heads: [ScopeID: UInt64] = [:]
            for scope in scopes {
                let head = try await connection.value(Int64.self, "SELECT MAX(position) FROM scope_log WHERE scope = \(scope.rawValue)", logger)
                heads[scope] = UInt64(head ?? 0)
            }
            return heads
        }
    }
}
