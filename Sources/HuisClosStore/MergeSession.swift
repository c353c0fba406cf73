import Foundation
import GRDB
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol

/// One device's chain in one scope.
struct ChainKey: Hashable {
    let device: SigningPublicKey
    let scope: ScopeID
}

/// The tip of a chain as merged here: the next batch must follow it.
struct ChainHead {
    let sequence: UInt64
    let hash: [UInt8]
    /// The reading of the chain's last operation: the next batch's readings must be greater.
    let lastHLC: HLC
}

/// What a store merges with: its codec, authorizer and clock drift.
struct MergePolicy: Sendable {
    let codec: any BatchBodyCodec
    let authorizer: any BatchAuthorizer
    let maxDriftMs: UInt64
}

/// The merge of a group of batches inside one write transaction.
///
/// Each batch is verified entirely (signature, chain position, body, operations, authorization,
/// clock) before any of its operations is accepted; touched records are loaded once, merged in
/// memory at `flush()` (on every core, while the operation log is written), and only what
/// changed is written. Lives only within
/// one `DatabaseWriter.write` closure (it holds the `Database`).
final class MergeSession {
    private let db: Database
    private let policy: MergePolicy
    private let wallMs: UInt64
    private var clock: HybridLogicalClock
    private var clockChanged = false
    private var heads: [ChainKey: ChainHead?] = [:]
    private var changedHeads: Set<ChainKey> = []
    /// Touched records and the checked operations to apply to them at `flush()`.
    private let merger = RecordMerger()
    /// Batches merged in this session, written to the log at `flush()`; their hashes answer
    /// duplicate checks until then.
    private var mergedBatches: [OpenedBatch] = []
    private var mergedHashes: [BatchID: [UInt8]] = [:]
    private let held: HeldBatchTable
    private let repository: RecordRepository
    private let batchWriter: RowWriter
    /// What happened to each batch so far.
    var report = ApplyReport()

    init(db: Database, policy: MergePolicy, wallMs: UInt64) throws {
        self.db = db
        self.policy = policy
        self.wallMs = wallMs
        held = HeldBatchTable(db: db)
        repository = try RecordRepository(db: db)
        batchWriter = try RowWriter(db, sql: "INSERT INTO batches (device, scope, sequence, hash, bytes) VALUES (?, ?, ?, ?, ?)")
        clock = HybridLogicalClock(last: try Self.storedClock(db), maxDriftMs: policy.maxDriftMs)
    }

    /// Places a prepared batch in its chain and merges, holds or rejects it; then merges the
    /// held batches that now follow (a loop, not recursion: a long held chain cannot overflow).
    func receive(_ first: PreparedBatch) throws {
        var work = [first]
        while let prepared = work.popLast() {
            guard let envelope = prepared.envelope else {
                if case let .failure(error) = prepared.opened { report.rejected.append(RejectedBatch(id: nil, error: error)) }
                continue
            }
            if case let .success(opened) = prepared.opened, let first = opened.operations.first, let last = opened.operations.last {
                let author = DeviceID(envelope.device)
                report.operationStamps[envelope.id] = Timestamp(hlc: first.hlc, device: author)...Timestamp(hlc: last.hlc, device: author)
            }
            let key = ChainKey(device: envelope.device, scope: envelope.scope)
            let head = try head(of: key)
            let stored = envelope.sequence <= (head?.sequence ?? 0) ? try storedHash(key, envelope.sequence) : nil
            switch ChainPosition.of(envelope, head: head.map { ($0.sequence, $0.hash) }, heldHash: { _ in stored }) {
            case .duplicate:
                report.duplicates.append(envelope.id)
            case .fork:
                report.rejected.append(RejectedBatch(id: envelope.id, error: .fork(envelope.id)))
            case let .gap(expected):
                try hold(envelope, ChangeError(.gap, Text(fr: "le lot \(envelope.sequence) est arrivé avant le lot \(expected) de son appareil dans \(envelope.scope) : gardé en attente des lots manquants",
                    en: "batch \(envelope.sequence) arrived before batch \(expected) of its device in \(envelope.scope): held until the missing batches arrive")), notBeforeMs: 0)
            case .next:
                guard let opened = try check(prepared, after: head) else { continue }
                try merge(opened)
                if let next = try held.take(key, sequence: envelope.sequence + 1, into: &report) {
                    work.append(PreparedBatch(next, codec: policy.codec))
                }
            }
        }
    }

    /// Retries the batches held for a clock ahead that the wall clock has now caught up with, and
    /// those held for a membership log position this replica had not verified (held again if it
    /// still has not).
    func retryClockHeld() throws {
        for envelope in try held.takeReady(wallMs: wallMs, into: &report) { try receive(PreparedBatch(envelope, codec: policy.codec)) }
        for envelope in try held.takeAll(.logBehind, into: &report) { try receive(PreparedBatch(envelope, codec: policy.codec)) }
    }

    /// Retries the batches held for a scope key this device lacked: those whose key has arrived
    /// since are merged (with what they unblock); the others stay held, not reported again.
    func retryKeyHeld() throws {
        for envelope in try held.held(for: .keyUnavailable, into: &report) {
            let prepared = PreparedBatch(envelope, codec: policy.codec)
            if case let .failure(error) = prepared.opened, error.code == .keyUnavailable { continue }
            guard try held.take(ChainKey(device: envelope.device, scope: envelope.scope), sequence: envelope.sequence, into: &report) != nil else { continue }
            try receive(prepared)
        }
    }

    /// Stamps `changes` with the local clock, signs them as the next batch of `device` in `scope`,
    /// merges it and queues it in the outbox.
    func commitLocal(_ changes: [Change], scope: ScopeID, device: SigningKeyPair) throws -> BatchEnvelope {
        var operations: [ChangeOperation] = []
        operations.reserveCapacity(changes.count)
        for change in changes { operations.append(ChangeOperation(hlc: try clock.tick(wallMs: wallMs), change: change)) }
        clockChanged = true
        let head = try head(of: ChainKey(device: device.publicKey, scope: scope))
        let opened = try OpenedBatch.sign(operations, device: device, scope: scope, sequence: (head?.sequence ?? 0) + 1,
                                          previousHash: head?.hash ?? BatchEnvelope.genesisHash,
                                          logPosition: policy.authorizer.logPosition, codec: policy.codec)
        try policy.authorizer.authorize(operations, by: device.publicKey, in: scope, logPosition: opened.envelope.logPosition,
                                        sequence: opened.envelope.sequence)
        try merge(opened)
        try db.cachedStatement(sql: "INSERT INTO outbox (scope, sequence) VALUES (?, ?)").execute(arguments: [scope.rawValue, Int64(opened.envelope.sequence)])
        return opened.envelope
    }

    /// Writes every changed record, chain head and the clock.
    func flush() throws {
        // The operation log is written while the other cores apply the operations.
        try merger.applyAll {
            for opened in mergedBatches {
                let envelope = opened.envelope
                try batchWriter.run { row in
                    row.blob(envelope.device.bytes)
                    row.text(envelope.scope.rawValue)
                    row.integer(Int64(envelope.sequence))
                    row.blob(opened.hash)
                    row.blob(envelope.encoded)
                }
            }
        }
        // In key order, so the B-tree inserts are sequential rather than scattered.
        let records = merger.records.sorted { Self.precedes($0.address, $1.address) }
        for state in records where state.hasChanges { try repository.save(state) }
        for key in changedHeads {
            guard let head = heads[key] ?? nil else { continue }
            let statement = try db.cachedStatement(sql: "INSERT OR REPLACE INTO chain_heads (device, scope, sequence, hash, last_physical_ms, last_counter) VALUES (?, ?, ?, ?, ?, ?)")
            statement.setUncheckedArguments([Data(key.device.bytes), key.scope.rawValue, Int64(head.sequence), Data(head.hash),
                                             Int64(bitPattern: head.lastHLC.physicalMs), Int64(head.lastHLC.counter)])
            try statement.execute()
        }
        if clockChanged {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO clock (id, physical_ms, counter) VALUES (1, ?, ?)").execute(
                           arguments: [Int64(bitPattern: clock.last.physicalMs), Int64(clock.last.counter)])
        }
    }

    /// The materialised tables' primary-key order: scope, kind, id, as bytes.
    private static func precedes(_ lhs: RecordAddress, _ rhs: RecordAddress) -> Bool {
        if lhs.scope != rhs.scope { return lhs.scope.rawValue.utf8.lexicographicallyPrecedes(rhs.scope.rawValue.utf8) }
        if lhs.key.kind != rhs.key.kind { return lhs.key.kind.utf8.lexicographicallyPrecedes(rhs.key.kind.utf8) }
        return lhs.key.id.utf8.lexicographicallyPrecedes(rhs.key.id.utf8)
    }

    /// The clock's last reading as persisted (zero for a new replica).
    static func storedClock(_ db: Database) throws -> HLC {
        let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT physical_ms, counter FROM clock WHERE id = 1"))
        return row.map { HLC(physicalMs: UInt64(bitPattern: $0[0]), counter: UInt32(truncatingIfNeeded: $0[1] as Int64)) } ?? .zero
    }

    /// Opens and checks a batch that is next in its chain; nil (and a report entry) if it is
    /// rejected or held.
    private func check(_ prepared: PreparedBatch, after head: ChainHead?) throws -> OpenedBatch? {
        let opened: OpenedBatch
        if case let .failure(error) = prepared.opened, error.code == .keyUnavailable, let envelope = prepared.envelope {
            // Sealed with a key not received yet: held and retried as keys arrive, never skipped.
            try hold(envelope, error, notBeforeMs: 0)
            return nil
        }
        do throws(ChangeError) {
            opened = try prepared.opened.get()
            let envelope = opened.envelope
            if let head, let first = opened.operations.first, first.hlc <= head.lastHLC {
                throw ChangeError(.malformed, Text(fr: "le lot \(envelope.sequence) remonte le temps (\(first.hlc) après \(head.lastHLC)) : les lectures d'horloge d'un appareil doivent croître",
                    en: "batch \(envelope.sequence) goes back in time (\(first.hlc) after \(head.lastHLC)): a device's readings must increase"))
            }
            try policy.authorizer.authorize(opened.operations, by: envelope.device, in: envelope.scope,
                                            logPosition: envelope.logPosition, sequence: envelope.sequence)
        } catch where error.code == .logBehind && prepared.envelope != nil {
            try hold(prepared.envelope!, error, notBeforeMs: 0)
            return nil
        } catch {
            report.rejected.append(RejectedBatch(id: prepared.envelope?.id, error: error))
            return nil
        }
        let envelope = opened.envelope
        guard let newest = opened.operations.last?.hlc, clock.isTooFarAhead(newest, wallMs: wallMs) else { return opened }
        try hold(envelope, ChangeError(.clockAhead, Text(fr: "le lot \(envelope.sequence) est daté de \(newest.physicalMs) ms, plus de \(policy.maxDriftMs) ms en avance sur l'horloge de cet appareil (\(wallMs) ms) : gardé jusque-là ; vérifiez les deux horloges",
            en: "batch \(envelope.sequence) is stamped \(newest.physicalMs) ms, more than \(policy.maxDriftMs) ms ahead of this device's clock (\(wallMs) ms): held until then; check both clocks")),
                 notBeforeMs: newest.physicalMs - policy.maxDriftMs)
        return nil
    }

    /// Merges a checked batch: its operations into the record states, its bytes into the log.
    private func merge(_ opened: OpenedBatch) throws {
        let envelope = opened.envelope
        try merger.add(opened.operations, in: envelope.scope, by: DeviceID(envelope.device)) { address in
            try repository.load(address)
        }
        mergedBatches.append(opened)
        mergedHashes[envelope.id] = opened.hash
        let key = ChainKey(device: envelope.device, scope: envelope.scope)
        let newest = opened.operations[opened.operations.count - 1].hlc
        heads[key] = ChainHead(sequence: envelope.sequence, hash: opened.hash, lastHLC: newest)
        changedHeads.insert(key)
        clock.observe(newest, wallMs: wallMs)
        clockChanged = true
        report.applied.append(envelope.id)
        report.held.removeAll { $0.id == envelope.id }
    }

    private func hold(_ envelope: BatchEnvelope, _ reason: ChangeError, notBeforeMs: UInt64) throws {
        try held.put(envelope, reason: reason, notBeforeMs: notBeforeMs, into: &report)
    }

    private func head(of key: ChainKey) throws -> ChainHead? {
        if let cached = heads[key] { return cached }
        let statement = try db.cachedStatement(sql: "SELECT sequence, hash, last_physical_ms, last_counter FROM chain_heads WHERE device = ? AND scope = ?")
        let row = try Row.fetchOne(statement, arguments: [Data(key.device.bytes), key.scope.rawValue])
        let head = row.map { row in
            ChainHead(sequence: UInt64(bitPattern: row[0]), hash: [UInt8](row[1] as Data),
                      lastHLC: HLC(physicalMs: UInt64(bitPattern: row[2]), counter: UInt32(truncatingIfNeeded: row[3] as Int64)))
        }
        heads[key] = .some(head)
        return head
    }

    private func storedHash(_ key: ChainKey, _ sequence: UInt64) throws -> [UInt8]? {
        if let merged = mergedHashes[BatchID(device: key.device, scope: key.scope, sequence: sequence)] { return merged }
        let statement = try db.cachedStatement(sql: "SELECT hash FROM batches WHERE device = ? AND scope = ? AND sequence = ?")
        return try Data.fetchOne(statement, arguments: [Data(key.device.bytes), key.scope.rawValue, Int64(sequence)]).map { [UInt8]($0) }
    }
}
