import Foundation
import GRDB
public import HuisClosCrypto
import HuisClosEngine
public import HuisClosProtocol

extension ChangeStore {
    /// Takes back the batches of `device` in `scope` after sequence `last` that this replica merged,
    /// and returns their ids: the scope's records are merged again, in one transaction, from every
    /// other batch it holds. A revocation lets the revoked device's writes stand only up to a
    /// sequence (`StandingWrites`); a replica that merged more before it learned of the revocation
    /// (a relay restored from a backup that lost them) rolls back so every replica holds the same.
    /// The batches merged again were each judged when first merged: they are not judged again.
    public func takeBack(device: SigningPublicKey, scope: ScopeID, after last: UInt64) throws -> [BatchID] {
        let wallMs = wallClock.nowMs()
        return try database.write { db in
            let stored = try Data.fetchAll(db, sql: "SELECT bytes FROM batches WHERE scope = ? ORDER BY device, sequence",
                                           arguments: [scope.rawValue]).map { try BatchEnvelope(verifying: [UInt8]($0)) }
            let dropped = stored.filter { $0.device == device && $0.sequence > last }
            guard !dropped.isEmpty else { return [] }
            for table in ["records", "fields", "set_elements", "set_removals", "batches", "chain_heads"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE scope = ?", arguments: [scope.rawValue])
            }
            let replay = MergePolicy(codec: policy.codec, authorizer: AlreadyJudged(), maxDriftMs: policy.maxDriftMs)
            let session = try MergeSession(db: db, policy: replay, wallMs: wallMs)
            for batch in stored where !(batch.device == device && batch.sequence > last) {
                try session.receive(PreparedBatch(batch, codec: policy.codec))
            }
            try session.flush()
            return dropped.map(\.id)
        }
    }
}

/// Lets through the batches a replica merges again after taking some back: each was authorised
/// when it was first merged, and judging it again against today's log could drop honest writes
/// that a later record would refuse (the position rule), which no other replica drops.
private struct AlreadyJudged: BatchAuthorizer {
    var logPosition: UInt64 { 0 }

    func authorize(_ operations: [ChangeOperation], by device: SigningPublicKey, in scope: ScopeID,
                   logPosition: UInt64, sequence: UInt64) throws(ChangeError) {}
}
