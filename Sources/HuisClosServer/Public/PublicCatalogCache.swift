import HuisClosProtocol
import HuisClosPublication
import HuisClosWire
import Logging
import Synchronization

/// The public site's catalog, each public batch verified and folded in once.
///
/// Building it verifies every public batch's signature, decodes every text and checks published
/// minutes' signatures against the council's membership log; a visitor's request must not redo
/// that. The cache keeps the fold (`PublicCatalog.Fold`) with the position of the last batch it
/// read: a batch appended to the public scope is read and folded at the next request, and only it.
/// A record appended to the membership log (a revocation, a new president), or another
/// incarnation (a restore), builds the catalog again from the scope's first batch, however many
/// there are. Anything else (another scope's push) leaves it as it is.
final class PublicCatalogCache: Sendable {
    private struct Entry {
        let incarnation: String
        let membershipRecords: Int
        /// The position of the last public batch folded in.
        let cursor: UInt64
        let fold: PublicCatalog.Fold
        let catalog: PublicCatalog
    }

    private let storage: any ServerStorage
    private let ledger: CouncilLedger
    private let metrics: ServerMetrics
    private let logger: Logger
    private let entry = Mutex<Entry?>(nil)

    init(storage: any ServerStorage, ledger: CouncilLedger, metrics: ServerMetrics, logger: Logger) {
        self.storage = storage
        self.ledger = ledger
        self.metrics = metrics
        self.logger = logger
    }

    /// The catalog of the public scope as it is now.
    func catalog() async throws -> PublicCatalog {
        let head = try await storage.heads(of: [.public])[.public] ?? 0
        let membershipRecords = try await ledger.records().count
        let incarnation = try await storage.incarnation()
        let cached = entry.withLock { $0 }
        if let cached, cached.incarnation == incarnation, cached.membershipRecords == membershipRecords, cached.cursor == head {
            return cached.catalog
        }
        // Folded on from the cached position while the membership log and incarnation stay, from the first batch otherwise.
        let resumed = cached.flatMap { $0.incarnation == incarnation && $0.membershipRecords == membershipRecords && $0.cursor < head ? $0 : nil }
        var fold: PublicCatalog.Fold
        if let resumed { fold = resumed.fold } else { fold = PublicCatalog.Fold(membership: try await ledger.state()) }
        var after = resumed?.cursor ?? 0
        while after < head {
            let page = try await storage.pull(scope: .public, after: after, maxBatches: WireLimits.pullBatchesMax, maxBytes: WireLimits.pullBytesMax)
            for (bytes, receivedAtMs) in zip(page.batches, page.receivedAtMs) { fold.add(bytes, receivedAtMs: receivedAtMs) }
            metrics.publicBatchesFolded(page.batches.count)
            if page.batches.isEmpty { break }
            after = page.cursor
        }
        let catalog = fold.catalog
        metrics.publicCatalogBuilt()
        for seance in catalog.refusedMinutes.subtracting(resumed?.catalog.refusedMinutes ?? []).sorted() {
            logger.warning("public site: published minutes not served, their signature is not a president's device's at any time of the membership log",
                           metadata: ["seance": "\(seance)"])
        }
        let built = Entry(incarnation: incarnation, membershipRecords: membershipRecords, cursor: after, fold: fold, catalog: catalog)
        entry.withLock { current in
            if current.map({ $0.incarnation != incarnation || ($0.membershipRecords, $0.cursor) <= (membershipRecords, after) }) ?? true {
                current = built
            }
        }
        return catalog
    }
}
