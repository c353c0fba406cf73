import HuisClosCrypto
import HuisClosProtocol
import HuisClosPublication
import HuisClosTrust
import HuisClosWire
import Logging
import Synchronization

/// The public site's catalog, each public batch verified and folded in once.
///
/// Building it verifies every public batch's signature, decodes every text and checks published
/// minutes' signatures against the council's membership log; a visitor's request must not redo
/// that. The cache keeps the fold (`PublicCatalog.Fold`) with the position of the last batch it
/// read and that batch's hash: a batch appended to the public scope is read and folded at the
/// next request, and only it. Another newest membership record (a revocation, a new president),
/// another incarnation (a restore), or another batch at the cached position (a log rewound
/// otherwise, then refilled) builds the catalog again from the scope's first batch, however many
/// there are. Anything else (another scope's push) leaves it as it is.
final class PublicCatalogCache: Sendable {
    private struct Entry {
        let incarnation: String
        /// The hash of the newest membership record the catalog was judged against.
        let membershipHead: [UInt8]?
        /// The position of the last public batch folded in, and that batch's hash.
        let cursor: UInt64
        let lastBatch: [UInt8]?
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
        let membershipHead = try await ledger.records().last?.hash
        let incarnation = try await storage.incarnation()
        var resumed = entry.withLock { $0 }
        if let cached = resumed {
            let same = cached.incarnation == incarnation && cached.membershipHead == membershipHead && cached.cursor <= head
            let held = same ? try await batchHash(at: cached.cursor) == cached.lastBatch : false
            resumed = held ? cached : nil
        }
        if let resumed, resumed.cursor == head { return resumed.catalog }
        // Folded on from the cached position while it still holds, from the first batch otherwise.
        var fold: PublicCatalog.Fold
        if let resumed { fold = resumed.fold } else { fold = PublicCatalog.Fold(membership: try await ledger.state()) }
        var after = resumed?.cursor ?? 0
        var lastBatch = resumed?.lastBatch
        while after < head {
            let page = try await storage.pull(scope: .public, after: after, maxBatches: WireLimits.pullBatchesMax, maxBytes: WireLimits.pullBytesMax)
            for (bytes, receivedAtMs) in zip(page.batches, page.receivedAtMs) { fold.add(bytes, receivedAtMs: receivedAtMs) }
            metrics.publicBatchesFolded(page.batches.count)
            guard let last = page.batches.last else { break }
            lastBatch = Hash.blake2b(last)
            after = page.cursor
        }
        let catalog = fold.catalog
        metrics.publicCatalogBuilt()
        for seance in catalog.refusedMinutes.subtracting(resumed?.catalog.refusedMinutes ?? []).sorted() {
            logger.warning("public site: published minutes not served, their signature is not a president's device's at any time of the membership log",
                           metadata: ["seance": "\(seance)"])
        }
        let built = Entry(incarnation: incarnation, membershipHead: membershipHead, cursor: after, lastBatch: lastBatch, fold: fold, catalog: catalog)
        entry.withLock { $0 = built }
        return catalog
    }

    /// The hash of the public batch at `position`; nil at 0 or when the log holds none there.
    private func batchHash(at position: UInt64) async throws -> [UInt8]? {
        guard position > 0 else { return nil }
        let page = try await storage.pull(scope: .public, after: position - 1, maxBatches: 1, maxBytes: WireLimits.pullBytesMax)
        return page.cursor == position ? page.batches.first.map { Hash.blake2b($0) } : nil
    }
}
