import HuisClosProtocol
import HuisClosWire

/// One device's sync: push the outbox, then pull every readable scope from its cursor.
///
/// Resumable after any cut: acknowledged batches leave the outbox only after the server said it
/// holds them; cursors advance only after the page was applied. Loops are bounded.
public struct SyncDriver: Sendable {
    /// Pages pulled per scope in one sync before yielding: 10,000 pages of up to 2,000 batches
    /// covers any council's history; a larger backlog continues at the next sync.
    public static let pagesPerScopeMax = 10_000

    /// The server connection.
    public let client: SyncClient
    /// The device's store.
    public let store: any SyncLocalStore

    /// A driver over a client and a store.
    public init(client: SyncClient, store: any SyncLocalStore) {
        self.client = client
        self.store = store
    }

    /// Pushes, then pulls every readable scope except `waiting` (scopes the store cannot open yet,
    /// e.g. before their key arrives: pulling them would move the cursor past batches it must
    /// refuse); `progress` is told after each request.
    public func sync(waiting: Set<ScopeID> = [], progress: @Sendable (SyncProgress) -> Void = { _ in }) async throws -> SyncReport {
        var report = SyncReport()
        let known = await client.access
        let access = if let known { known } else { try await client.login() }
        try await push(into: &report, progress: progress)
        for scope in access.readable.subtracting(waiting).sorted() {
            try await pull(scope, into: &report, progress: progress)
        }
        return report
    }

    /// Pushes the outbox in requests of at most `WireLimits.pushBatchesMax` batches and
    /// `WireLimits.pushRequestBytesMax` bytes.
    func push(into report: inout SyncReport, progress: @Sendable (SyncProgress) -> Void) async throws {
        let outbox = try await store.outbox()
        var start = 0
        while start < outbox.count {
            var end = start
            var bytes = 0
            while end < outbox.count, end - start < WireLimits.pushBatchesMax,
                  end == start || bytes + outbox[end].encoded.count + 16 <= WireLimits.pushRequestBytesMax {
                bytes += outbox[end].encoded.count + 16
                end += 1
            }
            let slice = Array(outbox[start..<end])
            let results = try await client.push(slice)
            var held: [BatchID] = []
            for (batch, result) in zip(slice, results) {
                switch result.status {
                case .accepted, .duplicate: held.append(batch.id)
                default: report.pushRejected[batch.id] = APIError(APIError.Code(rawValue: result.code) ?? .malformed, result.message)
                }
            }
            try await store.acknowledge(held)
            report.pushed += held.count
            progress(.pushed(done: end, total: outbox.count))
            start = end
        }
    }

    /// Pulls one scope until caught up (or `pagesPerScopeMax` pages).
    func pull(_ scope: ScopeID, into report: inout SyncReport, progress: @Sendable (SyncProgress) -> Void) async throws {
        var cursor = try await store.cursor(for: scope)
        for _ in 0..<Self.pagesPerScopeMax {
            let page = try await client.pull(scope: scope, after: cursor)
            if !page.batches.isEmpty {
                report.pulled.add(try await store.apply(page.batches, receivedAtMs: page.receivedAtMs, scope: scope))
            }
            if page.cursor != cursor {
                try await store.setCursor(page.cursor, for: scope)
                cursor = page.cursor
            }
            progress(.pulled(scope: scope, cursor: cursor, head: page.head))
            if page.caughtUp { return }
        }
    }
}

/// What one sync did.
public struct SyncReport: Sendable {
    /// Local batches the server now holds.
    public var pushed = 0
    /// Local batches the server refused, with its reason (they stay in the outbox).
    public var pushRejected: [BatchID: APIError] = [:]
    /// What applying the pulled pages did.
    public var pulled = ApplyReport()

    /// An empty report.
    public init() {}
}

/// A step of a sync, for progress display.
public enum SyncProgress: Sendable, Equatable {
    /// `done` of `total` outbox batches pushed.
    case pushed(done: Int, total: Int)
    /// A page of `scope` applied up to `cursor`, of `head` in the server's log.
    case pulled(scope: ScopeID, cursor: UInt64, head: UInt64)
}
