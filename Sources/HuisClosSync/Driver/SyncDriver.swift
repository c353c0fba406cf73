import HuisClosL10n
public import HuisClosProtocol
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
    ///
    /// A relay found behind what this device holds (`pull`), or refusing this device's batches as
    /// a gap in its chain, is repaired: the device pushes back every batch it holds of the scope
    /// (`repair`), pulls the scope again, and pushes its outbox again. The report says so.
    /// `relayRestored` (its incarnation changed) repairs every readable scope, and pulls each from
    /// the start of its log: positions past the backup may now hold other batches.
    public func sync(waiting: Set<ScopeID> = [], relayRestored: Bool = false,
                     progress: @Sendable (SyncProgress) -> Void = { _ in }) async throws -> SyncReport {
        var report = SyncReport()
        let known = await client.access
        let access = if let known { known } else { try await client.login() }
        try await push(into: &report, progress: progress)
        let scopes = access.readable.subtracting(waiting).sorted()
        if relayRestored {
            for scope in access.readable.sorted() {
                try await repair(scope, evidence: .relayRestored, into: &report)
                try await store.setCursor(.start, for: scope)
            }
        }
        for scope in scopes {
            try await pull(scope, into: &report, progress: progress)
        }
        // A relay that lost this device's earlier batches refuses its next ones as a gap, even
        // when this device's cursor never passed them (a cut between push and pull).
        let repaired = Set(report.repairs.map(\.scope))
        let gapped = Set(report.pushRejected.filter { $0.value.code == .gap }.map(\.key.scope)).subtracting(repaired)
        for scope in gapped.sorted() {
            try await repair(scope, evidence: .ownBatchesMissing, into: &report)
        }
        if !report.repairs.isEmpty {
            report.pushRejected = [:]
            try await push(into: &report, progress: progress)
            for scope in scopes where gapped.contains(scope) {
                try await pull(scope, into: &report, progress: progress)
            }
        }
        return report
    }

    /// Pushes the outbox.
    func push(into report: inout SyncReport, progress: @Sendable (SyncProgress) -> Void) async throws {
        let outbox = try await store.outbox()
        var done = 0
        for slice in Self.requests(outbox) {
            let outcome = try await send(slice)
            report.pushRejected.merge(outcome.refused) { _, new in new }
            try await store.acknowledge(outcome.held)
            report.pushed += outcome.held.count
            done += slice.count
            progress(.pushed(done: done, total: outbox.count))
        }
        // A relay restored from an older backup may have lost batches it had acknowledged, which
        // no cursor shows while this device has not pulled them back: its newest batch of each
        // scope with nothing queued goes again, answered `duplicate` while the relay holds it,
        // appended again if the relay lost it alone, refused as a gap (then repaired, `sync`) if
        // it lost earlier ones too. Other refusals of a batch already acknowledged change nothing.
        let queued = Set(outbox.map(\.scope))
        for slice in Self.requests(try await store.ownHeads().filter { !queued.contains($0.scope) }) {
            let outcome = try await send(slice)
            report.pushRejected.merge(outcome.refused.filter { $0.value.code == .gap }) { _, new in new }
        }
    }

    /// Pushes `batches` in one request: the ids the relay now holds (accepted or duplicate), how
    /// many it appended now, and those it refused with its reason.
    func send(_ batches: ArraySlice<BatchEnvelope>) async throws -> (held: [BatchID], accepted: Int, refused: [BatchID: APIError]) {
        let results = try await client.push(Array(batches))
        var held: [BatchID] = []
        var accepted = 0
        var refused: [BatchID: APIError] = [:]
        for (batch, result) in zip(batches, results) {
            switch result.status {
            case .accepted, .duplicate:
                held.append(batch.id)
                if result.status == .accepted { accepted += 1 }
            default:
                // The relay's words in both languages; a relay older than `message_fr` sends English
                // only, and the French reader then gets the code's sentence.
                let code = APIError.Code(rawValue: result.code) ?? .malformed
                refused[batch.id] = APIError(code, Text(fr: result.messageFr.isEmpty ? code.text.french : result.messageFr,
                                                        en: result.message))
            }
        }
        return (held, accepted, refused)
    }

    /// `batches` cut into push requests of at most `WireLimits.pushBatchesMax` batches and
    /// `WireLimits.pushRequestBytesMax` bytes (a single larger batch goes alone), in order.
    static func requests(_ batches: [BatchEnvelope]) -> [ArraySlice<BatchEnvelope>] {
        var requests: [ArraySlice<BatchEnvelope>] = []
        var start = 0
        while start < batches.count {
            var end = start
            var bytes = 0
            while end < batches.count, end - start < WireLimits.pushBatchesMax,
                  end == start || bytes + batches[end].encoded.count + 16 <= WireLimits.pushRequestBytesMax {
                bytes += batches[end].encoded.count + 16
                end += 1
            }
            requests.append(batches[start..<end])
            start = end
        }
        return requests
    }

    /// Pulls one scope until caught up (or `pagesPerScopeMax` pages); a relay found behind what
    /// this device holds is repaired, then the scope is pulled again from the start of its log.
    func pull(_ scope: ScopeID, into report: inout SyncReport, progress: @Sendable (SyncProgress) -> Void) async throws {
        guard let evidence = try await pullPages(scope, into: &report, progress: progress) else { return }
        try await repair(scope, evidence: evidence, into: &report)
        try await store.setCursor(.start, for: scope)
        // From the start the relay cannot be behind: no second repair.
        _ = try await pullPages(scope, into: &report, progress: progress)
    }

    /// Pulls one scope's pages from the stored cursor; nil when done, or what shows the relay lost
    /// batches this device had pulled: a head below the cursor, or another batch at the cursor's
    /// position (the first page starts one batch early to compare it).
    func pullPages(_ scope: ScopeID, into report: inout SyncReport,
                   progress: @Sendable (SyncProgress) -> Void) async throws -> RelayRepair.Evidence? {
        var cursor = try await store.cursor(for: scope)
        var check = cursor.batchHash != nil
        for _ in 0..<Self.pagesPerScopeMax {
            let page = try await client.pull(scope: scope, after: check ? cursor.position - 1 : cursor.position)
            if page.head < cursor.position {
                return .headBehind(relayHead: page.head, devicePosition: cursor.position)
            }
            var batches = page.batches[...]
            var arrivals = page.receivedAtMs[...]
            if check {
                guard batches.first?.hash == cursor.batchHash else { return .batchReplaced(position: cursor.position) }
                batches = batches.dropFirst()
                arrivals = arrivals.dropFirst()
                check = false
            }
            if let last = batches.last {
                report.pulled.add(try await store.apply(Array(batches), receivedAtMs: Array(arrivals), scope: scope))
                cursor = LogCursor(position: page.cursor, batchHash: last.hash)
                try await store.setCursor(cursor, for: scope)
            }
            progress(.pulled(scope: scope, cursor: cursor.position, head: page.head))
            if page.caughtUp { return nil }
        }
        return nil
    }

    /// Pushes back every batch this device holds of `scope` to a relay that lost some: batches
    /// the relay still has come back as duplicates, the lost ones are appended again (another
    /// device's signed batches too: the relay verifies each signature, so relaying them is safe).
    func repair(_ scope: ScopeID, evidence: RelayRepair.Evidence, into report: inout SyncReport) async throws {
        var repair = RelayRepair(scope: scope, evidence: evidence)
        for slice in Self.requests(try await store.batches(in: scope)) {
            let outcome = try await send(slice)
            repair.restored += outcome.accepted
            repair.refused.merge(outcome.refused) { _, new in new }
        }
        report.repairs.append(repair)
    }
}

/// A step of a sync, for progress display.
public enum SyncProgress: Sendable, Equatable {
    /// `done` of `total` outbox batches pushed.
    case pushed(done: Int, total: Int)
    /// A page of `scope` applied up to `cursor`, of `head` in the server's log.
    case pulled(scope: ScopeID, cursor: UInt64, head: UInt64)
}
