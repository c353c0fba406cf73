import Foundation
import GRDB
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol

/// Batches held back until they can be merged: after a gap in their chain, stamped too far
/// ahead of the local clock, or sealed with a key not received yet. Bounded by `EngineLimits.heldBatchesMax`; never dropped silently.
struct HeldBatchTable {
    let db: Database

    /// Holds `envelope` for `reason`, not retried for the clock before `notBeforeMs`.
    ///
    /// The same bytes held twice are a duplicate; different bytes with the same id are a fork.
    func put(_ envelope: BatchEnvelope, reason: ChangeError, notBeforeMs: UInt64, into report: inout ApplyReport) throws {
        let id = envelope.id
        let arguments: StatementArguments = [Data(id.device.bytes), id.scope.rawValue, Int64(id.sequence)]
        if let existing = try Data.fetchOne(db.cachedStatement(sql: "SELECT bytes FROM held_batches WHERE device = ? AND scope = ? AND sequence = ?"), arguments: arguments) {
            if [UInt8](existing) == envelope.encoded {
                report.duplicates.append(id)
            } else {
                report.rejected.append(RejectedBatch(id: id, error: .fork(id)))
            }
            return
        }
        guard try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM held_batches")) ?? 0 < EngineLimits.heldBatchesMax else {
            report.rejected.append(RejectedBatch(id: id, error: ChangeError(.tooManyHeld, Text(fr: "\(EngineLimits.heldBatchesMax) lots sont déjà en attente : resynchronisez cette réplique depuis le serveur",
                en: "\(EngineLimits.heldBatchesMax) batches are already held: resync this replica from the server"))))
            return
        }
        try db.cachedStatement(sql: "INSERT INTO held_batches (device, scope, sequence, reason, not_before_ms, bytes) VALUES (?, ?, ?, ?, ?, ?)").execute(
                       arguments: arguments + [reason.code.rawValue, Int64(clamping: notBeforeMs), Data(envelope.encoded)])
        report.held.append(HeldBatch(id: id, reason: reason, epoch: envelope.epoch))
    }

    /// Removes and returns the held batch `sequence` of chain `key`, if any.
    func take(_ key: ChainKey, sequence: UInt64, into report: inout ApplyReport) throws -> BatchEnvelope? {
        let arguments: StatementArguments = [Data(key.device.bytes), key.scope.rawValue, Int64(sequence)]
        let statement = try db.cachedStatement(sql: "SELECT bytes FROM held_batches WHERE device = ? AND scope = ? AND sequence = ?")
        guard let bytes = try Data.fetchOne(statement, arguments: arguments) else { return nil }
        try db.cachedStatement(sql: "DELETE FROM held_batches WHERE device = ? AND scope = ? AND sequence = ?").execute(arguments: arguments)
        return decode(bytes, into: &report)
    }

    /// Removes and returns, in chain order, the batches held for the clock that are due at `wallMs`.
    func takeReady(wallMs: UInt64, into report: inout ApplyReport) throws -> [BatchEnvelope] {
        let due: [Data] = try Data.fetchAll(db.cachedStatement(sql: "SELECT bytes FROM held_batches WHERE reason = ? AND not_before_ms <= ? ORDER BY device, scope, sequence"),
                                            arguments: [ChangeError.Code.clockAhead.rawValue, Int64(clamping: wallMs)])
        try db.cachedStatement(sql: "DELETE FROM held_batches WHERE reason = ? AND not_before_ms <= ?").execute(
                       arguments: [ChangeError.Code.clockAhead.rawValue, Int64(clamping: wallMs)])
        return due.compactMap { decode($0, into: &report) }
    }

    /// The batches held for `reason`, in chain order, left held (the caller `take`s those it merges).
    func held(for reason: ChangeError.Code, into report: inout ApplyReport) throws -> [BatchEnvelope] {
        try Data.fetchAll(db.cachedStatement(sql: "SELECT bytes FROM held_batches WHERE reason = ? ORDER BY device, scope, sequence"),
                          arguments: [reason.rawValue]).compactMap { decode($0, into: &report) }
    }

    /// Removes and returns, in chain order, every batch held for `reason`.
    func takeAll(_ reason: ChangeError.Code, into report: inout ApplyReport) throws -> [BatchEnvelope] {
        let batches = try held(for: reason, into: &report)
        try db.cachedStatement(sql: "DELETE FROM held_batches WHERE reason = ?").execute(arguments: [reason.rawValue])
        return batches
    }

    /// Re-verifies held bytes (they come back from disk); a damaged row is reported, not trusted.
    private func decode(_ bytes: Data, into report: inout ApplyReport) -> BatchEnvelope? {
        do {
            return try BatchEnvelope(verifying: [UInt8](bytes))
        } catch {
            report.rejected.append(RejectedBatch(id: nil, error: ChangeError(.malformed, Text(
                fr: "un lot en attente ne se vérifie plus (\(error.text.french)) : la réplique est endommagée, resynchronisez-la",
                en: "a held batch no longer verifies (\(error.text.english)): the replica is damaged, resync it"))))
            return nil
        }
    }
}
