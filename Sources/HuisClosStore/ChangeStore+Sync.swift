import Foundation
import GRDB
import HuisClosCrypto
public import HuisClosEngine
import HuisClosL10n
public import HuisClosProtocol

/// What a sync client needs: the outbox to push, acknowledgements, lookups by id, held batches.
extension ChangeStore {
    /// Local batches not yet acknowledged by the server, by scope then sequence: push them in order.
    public func outbox() throws -> [BatchEnvelope] {
        try database.read { db in
            try decode(Data.fetchAll(db, sql: """
                SELECT b.bytes FROM outbox o JOIN batches b
                  ON b.device = ? AND b.scope = o.scope AND b.sequence = o.sequence
                ORDER BY o.scope, o.sequence
                """, arguments: [Data(devicePublicKey.bytes)]))
        }
    }

    /// Outbox batches of `scope` after `sequence` (to resume a push after an interruption).
    public func pendingBatches(scope: ScopeID, after sequence: UInt64) throws -> [BatchEnvelope] {
        try database.read { db in
            try decode(Data.fetchAll(db, sql: """
                SELECT b.bytes FROM outbox o JOIN batches b
                  ON b.device = ? AND b.scope = o.scope AND b.sequence = o.sequence
                WHERE o.scope = ? AND o.sequence > ? ORDER BY o.sequence
                """, arguments: [Data(devicePublicKey.bytes), scope.rawValue, Int64(clamping: sequence)]))
        }
    }

    /// The server stored this device's batches of `scope` up to `sequence`: drop them from the outbox.
    public func acknowledge(scope: ScopeID, upTo sequence: UInt64) throws {
        try database.write { db in
            try db.cachedStatement(sql: "DELETE FROM outbox WHERE scope = ? AND sequence <= ?").execute(arguments: [scope.rawValue, Int64(clamping: sequence)])
        }
    }

    /// The merged batch with this id, if held in the log.
    public func batch(_ id: BatchID) throws -> BatchEnvelope? {
        try database.read { db in
            try decode(Data.fetchAll(db.cachedStatement(sql: "SELECT bytes FROM batches WHERE device = ? AND scope = ? AND sequence = ?"),
                                     arguments: [Data(id.device.bytes), id.scope.rawValue, Int64(clamping: id.sequence)])).first
        }
    }

    /// The highest merged sequence of every (device, scope) chain: what this replica has.
    public func heads() throws -> [BatchID] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT device, scope, sequence FROM chain_heads ORDER BY device, scope")).map { row in
                BatchID(device: try SigningPublicKey(bytes: [UInt8](row[0] as Data)), scope: try ScopeID(row[1]),
                        sequence: UInt64(bitPattern: row[2]))
            }
        }
    }

    /// The ids of held batches, with why each is held (`.gap`, `.clockAhead` or `.keyUnavailable`)
    /// and the key epoch each is sealed with.
    public func heldBatches() throws -> [HeldBatch] {
        try database.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT device, scope, sequence, reason, bytes FROM held_batches ORDER BY device, scope, sequence")).map { row in
                let id = BatchID(device: try SigningPublicKey(bytes: [UInt8](row[0] as Data)), scope: try ScopeID(row[1]),
                                 sequence: UInt64(bitPattern: row[2]))
                let code = ChangeError.Code(rawValue: row[3]) ?? .malformed
                let epoch = (try? BatchEnvelope(verifying: [UInt8](row[4] as Data)))?.epoch ?? 0
                let why = switch code {
                case .gap: Text(fr: "en attente de lots antérieurs de son appareil", en: "waiting for earlier batches of its device")
                case .keyUnavailable:
                    Text(fr: "scellé avec l'époque de clé \(epoch) de \(id.scope), pas encore reçue : en attente de celle-ci",
                         en: "sealed with key epoch \(epoch) of \(id.scope), not received yet: waiting for it")
                default: Text(fr: "daté en avance sur l'horloge de cet appareil : en attente de cette heure", en: "stamped ahead of this device's clock: waiting for it")
                }
                return HeldBatch(id: id, reason: ChangeError(code, why), epoch: epoch)
            }
        }
    }

    /// The tags of the visible adds of `element` in `set`: what a remove of it must carry.
    public func observedTags(of element: Value, in set: String, of record: RecordKey, scope: ScopeID) throws -> [Timestamp] {
        try database.read { db in
            try Data.fetchAll(db.cachedStatement(sql: "SELECT tag FROM set_elements WHERE scope = ? AND kind = ? AND id = ? AND name = ? AND element = ? ORDER BY tag"),
                              arguments: [scope.rawValue, record.kind, record.id, set, Data(element.encoded)])
                .map { try Timestamp(encoded: [UInt8]($0)) }
        }
    }

    private func decode(_ rows: [Data]) throws -> [BatchEnvelope] {
        try rows.map { try BatchEnvelope(verifying: [UInt8]($0)) }
    }
}
