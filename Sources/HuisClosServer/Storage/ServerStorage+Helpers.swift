import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// Rules every backend applies the same way, written once.
extension ServerStorage {
    /// What `declare` returns: `manifest` when this call stored it, else the manifest stored first
    /// under its id (`.corrupt` if the file row exists without it).
    public func declared(_ manifest: FileManifestRecord, stored: Bool) async throws(StorageError) -> FileManifestRecord {
        if stored { return manifest }
        guard let existing = try await self.manifest(manifest.id) else {
            throw StorageError(.corrupt, Text(fr: "le fichier \(manifest.id) existe sans son manifeste",
                                              en: "file \(manifest.id) exists without its manifest"))
        }
        return existing
    }
}

/// Fills a pull page from a log read in order, within its byte budget: batches while their total
/// stays within `maxBytes`, the first one always, so every page progresses.
public struct PullPageBuilder: Sendable {
    private let maxBytes: Int
    private var batches: [[UInt8]] = []
    private var arrivals: [UInt64] = []
    private var bytes = 0
    private var cursor: UInt64

    /// An empty page after `after`, for at most `maxBytes` of batches.
    public init(after: UInt64, maxBytes: Int) {
        precondition(maxBytes >= 1, "a page holds at least one batch")
        self.maxBytes = maxBytes
        self.cursor = after
    }

    /// Adds the batch at `position`; false, adding nothing, when it would pass the budget (stop reading).
    public mutating func add(_ batch: [UInt8], position: UInt64, receivedAtMs: Int64) -> Bool {
        guard batches.isEmpty || bytes + batch.count <= maxBytes else { return false }
        bytes += batch.count
        batches.append(batch)
        arrivals.append(UInt64(max(0, receivedAtMs)))
        cursor = position
        return true
    }

    /// The page, with the log's head read in the same snapshot.
    public func page(head: UInt64) -> PullPage {
        PullPage(batches: batches, receivedAtMs: arrivals, cursor: cursor, head: head)
    }
}
