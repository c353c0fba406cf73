import GRDB
import HuisClosProtocol

/// Group commit for pushes: concurrent push calls wait in a queue and are placed together in
/// one write transaction, so many devices pushing at once share one fsync instead of paying
/// one each (synchronous=FULL makes every commit an fsync).
///
/// Each call's batches are placed in arrival order, exactly as if the calls had run one after
/// another; each caller is answered only after the shared transaction committed. A failed
/// transaction fails every call of its group, and none of their batches is stored.
actor PushGroupCommit {
    /// Calls placed in one transaction at most: bounds a transaction's length (and a failure's
    /// reach) while leaving room for a hundred devices pushing at once.
    static let callsPerTransactionMax = 128

    private typealias Call = (batches: [BatchEnvelope], receivedAtMs: Int64, continuation: CheckedContinuation<[PushOutcome], any Error>)

    private let pool: DatabasePool
    private let place: @Sendable (BatchEnvelope, Int64, Database) throws -> PushOutcome
    private var waiting: [Call] = []
    private var draining = false

    init(pool: DatabasePool, place: @escaping @Sendable (BatchEnvelope, Int64, Database) throws -> PushOutcome) {
        self.pool = pool
        self.place = place
    }

    /// Places `batches` (in order), each appended one with `receivedAtMs` as its arrival time,
    /// and returns once they are committed.
    func push(_ batches: [BatchEnvelope], receivedAtMs: Int64) async throws -> [PushOutcome] {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append((batches, receivedAtMs, continuation))
            if !draining {
                draining = true
                Task { await drain() }
            }
        }
    }

    private func drain() async {
        while !waiting.isEmpty {
            let group = Array(waiting.prefix(Self.callsPerTransactionMax))
            waiting.removeFirst(group.count)
            let requests = group.map { ($0.batches, $0.receivedAtMs) }
            let place = self.place
            do {
                let outcomes = try await pool.write { db in
                    try requests.map { batches, receivedAtMs in try batches.map { try place($0, receivedAtMs, db) } }
                }
                for (call, outcome) in zip(group, outcomes) { call.continuation.resume(returning: outcome) }
            } catch {
                for call in group { call.continuation.resume(throwing: error) }
            }
        }
        draining = false
    }
}
