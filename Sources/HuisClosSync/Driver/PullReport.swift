public import HuisClosL10n
public import HuisClosProtocol

/// What `SyncLocalStore.apply` did with a page of batches.
public struct PullReport: Sendable, Equatable {
    /// Batches merged now.
    public var applied: Int
    /// Batches already held.
    public var duplicates: Int
    /// Batches refused (forged, fork, unauthorised), by id, with the reason in both languages.
    public var rejected: [BatchID: Text]

    /// A report.
    public init(applied: Int = 0, duplicates: Int = 0, rejected: [BatchID: Text] = [:]) {
        self.applied = applied
        self.duplicates = duplicates
        self.rejected = rejected
    }

    /// Adds another page's report.
    public mutating func add(_ other: PullReport) {
        applied += other.applied
        duplicates += other.duplicates
        rejected.merge(other.rejected) { first, _ in first }
    }
}
