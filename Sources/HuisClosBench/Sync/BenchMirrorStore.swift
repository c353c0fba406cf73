import Foundation
import GRDB
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosReplica
import HuisClosSync

/// The benchmark's device store: verifies and places each pulled batch (`ChainPosition`) and keeps
/// it as relayed, in a device's encrypted replica (`Replica`: the page-encrypting VFS, WAL,
/// `synchronous=NORMAL`, as `huisclos` opens it), without opening bodies — phase (a) measures the
/// transport, verification and storage of an initial sync, not the merge (which `huisclos-bench`
/// W1 measures), and its seeded batches are sealed under keys no bench device holds. Not used by
/// `huisclos`.
final class BenchMirrorStore: SyncLocalStore {
    private let queue: DatabaseQueue

    /// The store in `replica`'s database (its tables created if missing).
    init(replica: Replica) throws {
        queue = try replica.database
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS batch (
                    device BLOB NOT NULL, scope TEXT NOT NULL, sequence INTEGER NOT NULL, hash BLOB NOT NULL,
                    bytes BLOB NOT NULL, PRIMARY KEY (device, scope, sequence)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS cursor (scope TEXT PRIMARY KEY, position INTEGER NOT NULL, batch_hash BLOB);
                """)
        }
    }

    func outbox() async throws -> [BatchEnvelope] { [] }

    func acknowledge(_ ids: [BatchID]) async throws {}

    /// The mirror writes nothing of its own.
    func ownHeads() async throws -> [BatchEnvelope] { [] }

    /// Places the batches; arrival times are not a bench measure and are not kept.
    func apply(_ batches: [BatchEnvelope], receivedAtMs: [UInt64], scope: ScopeID) async throws -> PullReport {
        try await queue.write { db in
            var report = PullReport()
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
                case .gap(let expected): report.rejected[batch.id] = Text(fr: "trou : séquence \(expected) attendue", en: "gap: expected \(expected)")
                case .fork: report.rejected[batch.id] = Text(fr: "histoire divergente", en: "fork")
                }
            }
            return report
        }
    }

    func cursor(for scope: ScopeID) async throws -> LogCursor {
        try await queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT position, batch_hash FROM cursor WHERE scope = ?",
                                             arguments: [scope.rawValue]) else { return .start }
            return LogCursor(position: UInt64(row["position"] as Int64), batchHash: (row["batch_hash"] as Data?).map { [UInt8]($0) })
        }
    }

    func setCursor(_ cursor: LogCursor, for scope: ScopeID) async throws {
        try await queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO cursor (scope, position, batch_hash) VALUES (?, ?, ?)",
                           arguments: [scope.rawValue, Int64(cursor.position), cursor.batchHash.map { Data($0) }])
        }
    }

    func batches(in scope: ScopeID) async throws -> [BatchEnvelope] {
        try await queue.read { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM batch WHERE scope = ? ORDER BY device, sequence", arguments: [scope.rawValue])
                .map { try BatchEnvelope(verifying: [UInt8]($0)) }
        }
    }
}
