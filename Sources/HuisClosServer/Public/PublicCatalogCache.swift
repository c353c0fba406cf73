import HuisClosProtocol
import HuisClosPublication
import HuisClosWire
import Synchronization

/// The public site's catalog, verified once per head of the public scope's log.
///
/// Building it verifies every public batch's signature and decodes every text; a visitor's
/// request must not redo that. The cache is keyed by the log's head: a batch appended to the
/// public scope moves the head, and the next request builds the catalog again. Anything else
/// (another scope's push) leaves it as it is.
final class PublicCatalogCache: Sendable {
    private struct Entry {
        let head: UInt64
        let catalog: PublicCatalog
    }

    private let storage: any ServerStorage
    private let metrics: ServerMetrics
    private let entry = Mutex<Entry?>(nil)

    init(storage: any ServerStorage, metrics: ServerMetrics) {
        self.storage = storage
        self.metrics = metrics
    }

    /// The catalog of the public scope as it is now.
    func catalog() async throws -> PublicCatalog {
        let head = try await storage.heads(of: [.public])[.public] ?? 0
        if let cached = entry.withLock({ $0 }), cached.head == head { return cached.catalog }
        let catalog = try await build()
        metrics.publicCatalogBuilt()
        entry.withLock { current in
            if (current?.head ?? 0) <= head { current = Entry(head: head, catalog: catalog) }
        }
        return catalog
    }

    /// The public scope's whole log, read page by page (bounded by the catalog's size limit).
    private func build() async throws -> PublicCatalog {
        var batches: [[UInt8]] = []
        var after: UInt64 = 0
        while batches.count < PublicationLimits.catalogTextsMax {
            let page = try await storage.pull(scope: .public, after: after, maxBatches: WireLimits.pullBatchesMax,
                                              maxBytes: WireLimits.pullBytesMax)
            batches += page.batches
            if page.caughtUp || page.batches.isEmpty { break }
            after = page.cursor
        }
        return PublicCatalog(publicBatches: batches)
    }
}
