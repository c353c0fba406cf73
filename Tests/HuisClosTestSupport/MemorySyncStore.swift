public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosSync

/// A test double of the device's local store: keeps batches in memory and checks every device
/// chain with `ChainPosition`, like a real replica does. Authors its own batches.
public actor MemorySyncStore: SyncLocalStore {
    private struct Chain {
        var head: (sequence: UInt64, hash: [UInt8])?
        var hashes: [UInt64: [UInt8]] = [:]
    }

    /// The device this store belongs to.
    public nonisolated let device: SigningKeyPair
    private var chains: [BatchID.ChainKey: Chain] = [:]
    private var held: [ScopeID: [[UInt8]]] = [:]
    private var pending: [BatchEnvelope] = []
    private var cursors: [ScopeID: LogCursor] = [:]
    /// How many batches were placed as the next link of their chain, authored or applied: equal to
    /// the number held exactly when nothing was applied twice.
    public private(set) var placedCount = 0
    /// The relay's arrival time (Unix ms) of every batch pulled, own ones included; the first one given is kept.
    public private(set) var arrivals: [BatchID: UInt64] = [:]

    /// An empty store for `device`.
    public init(device: SigningKeyPair) { self.device = device }

    /// Signs a new batch in `scope` with an opaque body, holds it and queues it for push.
    @discardableResult
    public func author(scope: ScopeID, body: [UInt8]) throws -> BatchEnvelope {
        let key = BatchID.ChainKey(device: device.publicKey, scope: scope)
        let head = chains[key]?.head
        let batch = try BatchEnvelope.sign(device: device, scope: scope, epoch: 1, sequence: (head?.sequence ?? 0) + 1,
                                           previousHash: head?.hash ?? BatchEnvelope.genesisHash, bodyKind: .sealed, body: body)
        _ = place(batch)
        pending.append(batch)
        return batch
    }

    public func outbox() -> [BatchEnvelope] { pending }

    public func acknowledge(_ ids: [BatchID]) {
        let done = Set(ids)
        pending.removeAll { done.contains($0.id) }
    }

    public func apply(_ batches: [BatchEnvelope], receivedAtMs: [UInt64], scope: ScopeID) -> PullReport {
        var report = PullReport()
        for (batch, arrival) in zip(batches, receivedAtMs) where arrival > 0 && arrivals[batch.id] == nil { arrivals[batch.id] = arrival }
        for batch in batches {
            switch place(batch) {
            case .next: report.applied += 1
            case .duplicate: report.duplicates += 1
            case .gap(let expected): report.rejected[batch.id] = Text(fr: "trou : séquence \(expected) attendue", en: "gap: expected \(expected)")
            case .fork: report.rejected[batch.id] = Text(fr: "histoire divergente", en: "fork")
            }
        }
        return report
    }

    public func cursor(for scope: ScopeID) -> LogCursor { cursors[scope] ?? .start }

    public func setCursor(_ cursor: LogCursor, for scope: ScopeID) { cursors[scope] = cursor }

    public func batches(in scope: ScopeID) throws -> [BatchEnvelope] {
        try (held[scope] ?? []).map { try BatchEnvelope(verifying: $0) }
    }

    public func ownHeads() throws -> [BatchEnvelope] {
        try chains.filter { $0.key.device == device.publicKey }.sorted { $0.key.scope < $1.key.scope }.compactMap { key, chain in
            try batches(in: key.scope).first { $0.device == device.publicKey && $0.sequence == chain.head?.sequence }
        }
    }

    /// Every batch held, by scope, as canonical bytes (for comparing replicas).
    public func heldBatches() -> [ScopeID: Set<[UInt8]>] { held.mapValues { Set($0) } }

    /// The number of batches held in `scope`.
    public func count(in scope: ScopeID) -> Int { held[scope]?.count ?? 0 }

    private func place(_ batch: BatchEnvelope) -> ChainPosition {
        let key = BatchID.ChainKey(device: batch.device, scope: batch.scope)
        var chain = chains[key] ?? Chain()
        let position = ChainPosition.of(batch, head: chain.head) { chain.hashes[$0] }
        if position == .next {
            chain.head = (batch.sequence, batch.hash)
            chain.hashes[batch.sequence] = batch.hash
            chains[key] = chain
            held[batch.scope, default: []].append(batch.encoded)
            placedCount += 1
        }
        return position
    }
}

extension BatchID {
    /// A device's chain in one scope.
    struct ChainKey: Hashable {
        let device: SigningPublicKey
        let scope: ScopeID
    }
}
