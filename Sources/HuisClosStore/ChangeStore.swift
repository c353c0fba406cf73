import Foundation
public import GRDB
public import HuisClosCrypto
public import HuisClosEngine
public import HuisClosProtocol

/// A device's replica of the change engine over a SQLite database: merges peers' batches, commits
/// local changes, keeps the outbox, and proves its state with a digest.
///
/// Works over any GRDB `DatabaseWriter` — the encrypted replica's queue, a plain file, or memory
/// for tests. Every call is one write transaction: it happens entirely or not at all. The clock
/// state, chain heads, held batches and outbox live in the database, so reopening a store on the
/// same database resumes exactly where it stopped.
public final class ChangeStore: Sendable {
    /// The database; the domain reads the materialised tables through it (see Protocol/MERGE-RULES.md).
    /// Throws what `useCheck` throws (a closed replica) instead of handing out a closed connection.
    public var database: any DatabaseWriter {
        get throws {
            try useCheck()
            return writer
        }
    }
    private let writer: any DatabaseWriter
    /// Run before every use of the database: throws once it may no longer be used (closed).
    private let useCheck: @Sendable () throws -> Void
    /// This device's signing key: it signs local batches.
    private let device: SigningKeyPair
    let policy: MergePolicy
    let wallClock: any WallClock
    /// Run before every local commit: the device's offline lease refuses writes past it, whoever
    /// writes (dossiers, council records, notes), so no writer can skip it.
    private let writeCheck: @Sendable () throws -> Void

    /// Opens the store on `database`, creating or upgrading its tables.
    ///
    /// - Parameters:
    ///   - device: this device's key pair (the author of local batches).
    ///   - authorizer: who may write what (`KnownDevicesAuthorizer` until the membership log).
    ///   - codec: how bodies are sealed and opened (`PlainBodyCodec` until scope keys).
    ///   - wallClock: the time source (injected by tests).
    ///   - maxDriftMs: how far ahead of the wall clock a timestamp may be.
    ///   - writeCheck: run before every local commit; throws to refuse it (the device's offline lease).
    ///   - useCheck: run before every use of `database`; throws once it is closed (the replica's lock).
    public init(database: any DatabaseWriter, device: SigningKeyPair, authorizer: any BatchAuthorizer,
                codec: any BatchBodyCodec = PlainBodyCodec(), wallClock: any WallClock = SystemWallClock(),
                maxDriftMs: UInt64 = EngineLimits.clockDriftMsDefault,
                writeCheck: @escaping @Sendable () throws -> Void = {}, useCheck: @escaping @Sendable () throws -> Void = {}) throws {
        self.writeCheck = writeCheck
        self.useCheck = useCheck
        self.writer = database
        self.device = device
        self.policy = MergePolicy(codec: codec, authorizer: authorizer, maxDriftMs: maxDriftMs)
        self.wallClock = wallClock
        try StoreSchema.migrator.migrate(database)
    }

    /// This device's public key.
    public var devicePublicKey: SigningPublicKey { device.publicKey }

    /// Stamps `changes` with the clock, signs them as this device's next batch in `scope`, merges
    /// them locally and queues the batch in the outbox; returns the batch to push.
    ///
    /// Throws `ChangeError` (`.invalidChange`, `.tooLarge`, `.clockAhead`, `.unauthorized`), or what
    /// `writeCheck` throws, without changing anything.
    @discardableResult
    public func commitLocal(_ changes: [Change], scope: ScopeID) throws -> BatchEnvelope {
        try writeCheck()
        let wallMs = wallClock.nowMs()
        return try database.write { db in
            let session = try MergeSession(db: db, policy: policy, wallMs: wallMs)
            let batch = try session.commitLocal(changes, scope: scope, device: device)
            try session.flush()
            return batch
        }
    }

    /// Merges batches received from the server or a peer (canonical envelope bytes), in one
    /// transaction, after retrying held batches the clock has caught up with or whose key has arrived.
    ///
    /// Signatures are checked and bodies decoded on other cores while earlier batches merge.
    /// Each batch is verified entirely — signature, chain, body, operations, authorization,
    /// clock — before any of its writes; per-batch outcomes are in the report. Throws only for
    /// database failures, and then nothing is merged.
    public func apply(_ encodedBatches: [[UInt8]]) throws -> ApplyReport {
        let pipeline = PreparationPipeline(encodedBatches, codec: policy.codec)
        return try merge { session in
            try session.retryClockHeld()
            try session.retryKeyHeld()
            for index in encodedBatches.indices { try session.receive(pipeline.take(index)) }
        }
    }

    /// Merges already-decoded envelopes (their signatures were verified when decoded).
    public func apply(batches: [BatchEnvelope]) throws -> ApplyReport {
        try merge { session in
            try session.retryClockHeld()
            try session.retryKeyHeld()
            for batch in batches { try session.receive(PreparedBatch(batch, codec: self.policy.codec)) }
        }
    }

    /// Merges the batches held for a clock ahead that are now due, and those held for a key that
    /// has arrived since (and what they unblock).
    public func retryHeld() throws -> ApplyReport {
        try merge { session in
            try session.retryClockHeld()
            try session.retryKeyHeld()
        }
    }

    /// The last clock reading issued or observed (persisted: it survives restarts).
    public func clock() throws -> HLC {
        try database.read { db in try MergeSession.storedClock(db) }
    }

    private func merge(_ body: @escaping (MergeSession) throws -> Void) throws -> ApplyReport {
        let wallMs = wallClock.nowMs()
        return try database.write { db in
            let session = try MergeSession(db: db, policy: policy, wallMs: wallMs)
            try body(session)
            try session.flush()
            return session.report
        }
    }
}
