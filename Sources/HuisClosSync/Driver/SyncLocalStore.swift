import HuisClosL10n
public import HuisClosProtocol

/// What the sync driver needs from the device's local store (the change engine's `HuisClosStore`
/// conforms to it; tests use an in-memory store that checks chains with `ChainPosition`).
///
/// Contract:
/// - `outbox()` returns this device's batches not yet acknowledged by the server, each scope's in
///   sequence order; after `acknowledge`, they are no longer returned.
/// - `apply` merges verified batches idempotently: a batch already held is a duplicate, not an
///   error; a batch out of its chain is held or rejected, and the report says so. It must be
///   durable when it returns.
/// - `apply` is given, beside the batches, the relay's arrival time of each (Unix ms, 0 when the
///   relay does not know it) — own batches come back in pulls too, so a store that keeps arrival
///   times gets its own batches' times at the pull following their push.
/// - `cursor`/`setCursor` persist, per scope, the position in the server's log up to which
///   everything was applied, with the hash of the batch at that position (`LogCursor`). The driver
///   sets a cursor only after `apply` of that page returned, so a cut anywhere leaves the cursor at
///   or behind what was applied: the next sync re-pulls at most one page, which `apply` absorbs
///   as duplicates.
/// - `batches(in:)` returns every batch merged in a scope, whoever wrote it, each device's in
///   sequence order, and across devices in the order the relay's log held them as far as the store
///   knows: what the device pushes back to a relay that lost some (`SyncDriver.repair`), so the
///   lost batches take their former positions again.
public protocol SyncLocalStore: Sendable {
    /// Unacknowledged local batches, in chain order per scope.
    func outbox() async throws -> [BatchEnvelope]
    /// Marks these batches as held by the server (accepted or duplicate).
    func acknowledge(_ ids: [BatchID]) async throws
    /// Merges batches pulled from `scope`'s log, in log order; `receivedAtMs[i]` is the relay's
    /// arrival time of `batches[i]` (Unix ms, 0 if unknown).
    func apply(_ batches: [BatchEnvelope], receivedAtMs: [UInt64], scope: ScopeID) async throws -> PullReport
    /// Where `scope` is applied up to (`LogCursor.start` at first).
    func cursor(for scope: ScopeID) async throws -> LogCursor
    /// Records that `scope` is applied up to `cursor`.
    func setCursor(_ cursor: LogCursor, for scope: ScopeID) async throws
    /// Every batch merged in `scope` (any author), in the relay's former log order as far as known,
    /// each author's in sequence order.
    func batches(in scope: ScopeID) async throws -> [BatchEnvelope]
    /// This device's newest batch of each scope it wrote in, acknowledged or not.
    func ownHeads() async throws -> [BatchEnvelope]
}
