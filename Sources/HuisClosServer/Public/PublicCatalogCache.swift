import HuisClosProtocol
import HuisClosPublication
import HuisClosWire
import Logging
import Synchronization

/// The public site's catalog, verified once per head of the public scope's log and length of the
/// membership log.
///
/// Building it verifies every public batch's signature, decodes every text and checks published
/// minutes' signatures against the council's membership log; a visitor's request must not redo
/// that. The cache is keyed by both logs: a batch appended to the public scope or a record to the
/// membership log (a revocation, a new president) builds the catalog again at the next request.
/// Anything else (another scope's push) leaves it as it is.
final class PublicCatalogCache: Sendable {
    private struct Entry {
        let head: UInt64
        let membershipRecords: Int
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
        if let cached = entry.withLock({ $0 }), cached.head == head, cached.membershipRecords == membershipRecords { return cached.catalog }
        let catalog = try await build()
        metrics.publicCatalogBuilt()
        for seance in catalog.refusedMinutes.sorted() {
            logger.warning("public site: published minutes not served, their signature is not the president's device's in the membership log when the relay received them",
                           metadata: ["seance": "\(seance)"])
        }
        entry.withLock { current in
            if (current?.head ?? 0, current?.membershipRecords ?? 0) <= (head, membershipRecords) {
                current = Entry(head: head, membershipRecords: membershipRecords, catalog: catalog)
            }
        }
        return catalog
    }

    /// The public scope's whole log, read page by page (bounded by the catalog's size limit).
    private func build() async throws -> PublicCatalog {
        var batches: [(bytes: [UInt8], receivedAtMs: UInt64)] = []
        var after: UInt64 = 0
        while batches.count < PublicationLimits.catalogTextsMax {
            let page = try await storage.pull(scope: .public, after: after, maxBatches: WireLimits.pullBatchesMax,
                                              maxBytes: WireLimits.pullBytesMax)
            batches += zip(page.batches, page.receivedAtMs).map { ($0, $1) }
            if page.caughtUp || page.batches.isEmpty { break }
            after = page.cursor
        }
        return PublicCatalog(publicBatches: batches, membership: try await ledger.state())
    }
}
