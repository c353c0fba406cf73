import Foundation
public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosStore
import HuisClosWire

/// After each sync, brings the content of every dossier version the device may read into the
/// replica's cache (and indexes text for search), and drops what it may no longer read.
///
/// Policy: every version is fetched by default, older ones included (they stay listed, notes
/// anchor to them, and "readable offline" means all of them), up to `DossierLimits.fileBytesMax`;
/// with `Policy.skipLarge`, versions over `DossierLimits.largeVersionBytes` are left on the relay
/// until first read. Content is dropped when its scope is no longer readable (removed from a
/// group, hearing over, mandate ended: the verified log says so) or its version record is gone;
/// a wipe destroys the whole replica, cache included. Scopes the device does not read are never
/// fetched (their records never reach it, and only readable scopes are walked).
public struct DossierPrefetch: Sendable {
    /// Which versions are fetched ahead of reading.
    public struct Policy: Sendable, Equatable {
        /// Versions larger than this (plaintext bytes) wait for their first read.
        public var largestVersionBytes: Int64

        /// Fetches versions of at most `largestVersionBytes` plaintext bytes ahead of reading.
        public init(largestVersionBytes: Int64) { self.largestVersionBytes = largestVersionBytes }

        /// Every version (the default).
        public static let everything = Policy(largestVersionBytes: Int64(DossierLimits.fileBytesMax))
        /// Every version up to `DossierLimits.largeVersionBytes`.
        public static let skipLarge = Policy(largestVersionBytes: Int64(DossierLimits.largeVersionBytes))
    }

    /// What one prefetch did.
    public struct Report: Sendable, Equatable {
        /// Versions whose content arrived now.
        public var fetched = 0
        /// Chunks fetched now.
        public var chunks = 0
        /// Versions left on the relay by the policy (read them to fetch them).
        public var skipped = 0
        /// Versions refused (manifest or chunk not the recorded one, or not completely uploaded
        /// yet), with why; nothing of them is kept.
        public var refused: [Text] = []
        /// Cached files dropped because the device may no longer read them.
        public var dropped = 0
    }

    /// The device's change store (its replica holds the cache).
    public let store: ChangeStore
    /// The relay transfer.
    public let transfer: SealedFileTransfer

    /// A prefetch over `store` through `transfer`.
    public init(store: ChangeStore, transfer: SealedFileTransfer) {
        self.store = store
        self.transfer = transfer
    }

    /// Drops what `readable` no longer covers, then fetches what `policy` asks for;
    /// `progress(done, total)` counts chunks over the whole run. Throws `APIError` when the relay
    /// cannot be reached (what arrived so far is kept: the next run fetches only the rest).
    public func run(readable: Set<ScopeID>, policy: Policy = .everything,
                    progress: @escaping SealedFileTransfer.Progress = { _, _ in }) async throws -> Report {
        var report = Report()
        let scopes = readable.filter { $0 != .public }.sorted()
        let libraries = scopes.map { DossierLibrary(store: store, scope: $0) }
        var entitled: [(DossierLibrary, DossierVersion)] = []
        for library in libraries {
            for dossier in try library.list() { entitled += dossier.versions.map { (library, $0) } }
        }
        let keep = Set(entitled.map(\.1.fileID)).union(try DossierLibrary.pendingFiles(in: store.database))
        report.dropped = try DossierCache(database: store.database).retain(files: keep)
        try DossierIndex(database: store.database).retain(versions: entitled.map { ($0.0.scope, $0.1) })
        try DossierLibrary.retainSeen(scopes: Set(scopes), in: store.database)

        var wanted: [(DossierLibrary, DossierVersion)] = []
        for (library, version) in entitled where try !library.isHeld(version) {
            if version.size > policy.largestVersionBytes { report.skipped += 1 } else { wanted.append((library, version)) }
        }
        let total = wanted.reduce(0) { $0 + Self.chunkCount(of: $1.1) }
        var done = 0
        progress(done, total)
        for (library, version) in wanted {
            let before = done
            do {
                report.chunks += try await library.bring(version, transfer: transfer) { fetched, _ in progress(before + fetched, total) }
                report.fetched += 1
            } catch let error as DossierError where error.code == .integrity || error.code == .notFetched {
                report.refused.append(Text(fr: "\(version.dossier) v\(version.number) (\(library.scope.text.french)) : \(error.text.french)",
                                           en: "\(version.dossier) v\(version.number) (\(library.scope.text.english)): \(error.text.english)"))
            }
            done = before + Self.chunkCount(of: version)
            progress(done, total)
        }
        return report
    }

    /// The number of sealed chunks of a version of `size` plaintext bytes.
    static func chunkCount(of version: DossierVersion) -> Int {
        max(1, Int((version.size + Int64(DossierLimits.plainChunkBytes) - 1) / Int64(DossierLimits.plainChunkBytes)))
    }
}
