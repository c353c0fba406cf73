import Foundation
import GRDB
import HuisClosProtocol

/// A `SyncLocalStore` that mirrors what a device may read, verified, in one SQLite file — until
/// the change engine's store (which also authors and merges) replaces it in `huisclos sync`.
///
/// It authors nothing (empty outbox). Batch bodies stay as the server relays them (sealed with
/// scope keys), so the file holds no plaintext. Each batch is placed with `ChainPosition`.
public final class MirrorStore: SyncLocalStore {
    private let queue: DatabaseQueue

    /// Opens (creating) `<folder>/mirror.sqlite`.
    public init(folder: URL) throws {
        queue = try DatabaseQueue(path: folder.appendingPathComponent("mirror.sqlite").path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS batch (
                    device BLOB NOT NULL, scope TEXT NOT NULL, sequence INTEGER NOT NULL, hash BLOB NOT NULL,
                    bytes BLOB NOT NULL, PRIMARY KEY (device, scope, sequence)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS cursor (scope TEXT PRIMARY KEY, position INTEGER NOT NULL);
                """)
        }
    }

    public func outbox() async throws -> [BatchEnvelope] { [] }

    public func acknowledge(_ ids: [BatchID]) async throws {}

    public func apply(_ batches: [BatchEnvelope], scope: ScopeID) async throws -> ApplyReport {
        try await queue.write { db in
            var report = ApplyReport()
            for batch in batches {
                let key: [any DatabaseValueConvertible] = [Data(batch.device.bytes), batch.scope.rawValue]
                let head = try Row.fetchOne(db, sql: """
                    SELECT sequence, hash FROM batch WHERE device = ? AND scope = ? ORDER BY sequence DESC LIMIT 1
                    """, arguments: StatementArguments(key))
                    .map { (sequence: UInt64($0["sequence"] as Int64), hash: Array($0["hash"] as Data)) }
                let held = batch.sequence <= (head?.sequence ?? 0)
                    ? try Data.fetchOne(db, sql: "SELECT hash FROM batch WHERE device = ? AND scope = ? AND sequence = ?",
                                        arguments: StatementArguments(key + [Int64(batch.sequence)]))
                    : nil
                switch ChainPosition.of(batch, head: head, heldHash: { _ in held.map { Array($0) } }) {
                case .next:
                    try db.execute(sql: "INSERT INTO batch (device, scope, sequence, hash, bytes) VALUES (?, ?, ?, ?, ?)",
                                   arguments: StatementArguments(key + [Int64(batch.sequence), Data(batch.hash), Data(batch.encoded)]))
                    report.applied += 1
                case .duplicate: report.duplicates += 1
                case .gap(let expected): report.rejected[batch.id] = "gap: expected \(expected)"
                case .fork: report.rejected[batch.id] = "fork"
                }
            }
            return report
        }
    }

    public func cursor(for scope: ScopeID) async throws -> UInt64 {
        try await queue.read { db in
            UInt64(try Int64.fetchOne(db, sql: "SELECT position FROM cursor WHERE scope = ?", arguments: [scope.rawValue]) ?? 0)
        }
    }

    public func setCursor(_ cursor: UInt64, for scope: ScopeID) async throws {
        try await queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO cursor (scope, position) VALUES (?, ?)",
                           arguments: [scope.rawValue, Int64(cursor)])
        }
    }

    /// Batches held in `scope`.
    public func count(in scope: ScopeID) async throws -> Int {
        try await queue.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM batch WHERE scope = ?", arguments: [scope.rawValue]) ?? 0
        }
    }
}
