public import HuisClosDevice
public import HuisClosDossiers
public import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
public import HuisClosTrust
import Synchronization

/// What happens during `ClientSession.syncEverything`, as it happens (for progress bars and
/// messages that must not wait for the end).
public enum SyncEvent: Sendable {
    /// A page of the server's log applied up to `cursor` of `head`.
    case receiving(cursor: UInt64, head: UInt64)
    /// `done` of `total` chunks of a pending upload sent again.
    case resumingUpload(done: Int, total: Int)
    /// A pending upload the relay refused for good, forgotten (why, in English).
    case uploadAbandoned(Text)
    /// A sync finished; uploads resumed since the last sync report are counted with it.
    case synced(DeviceSyncReport, uploadsResumed: ResumedUploadCount)
    /// `done` of `total` chunks of dossier content fetched.
    case fetchingDossiers(done: Int, total: Int)
}

/// How many pending uploads a sync finished, and how many chunks it sent for them.
public struct ResumedUploadCount: Sendable, Equatable {
    /// Versions recorded now.
    public var versions = 0
    /// Chunks sent (only those the relay lacked).
    public var chunks = 0
}

/// One complete sync of `syncEverything`: the batches, the dossier content, the hearings closed.
public struct SyncOutcome: Sendable {
    /// The membership log, keys and batches.
    public let report: DeviceSyncReport
    /// Uploads a cut or a restart left pending, finished before this sync.
    public let uploadsResumed: ResumedUploadCount
    /// The dossier content fetched and dropped.
    public let content: DossierPrefetch.Report
    /// The hearings this (secretariat) device closed because they expired.
    public let hearingsClosed: [String]
    /// The device's standing after the sync.
    public let standing: DeviceStanding
}

extension ClientSession {
    /// Syncs everything, in order: finishes the uploads a cut left pending (unless the device is
    /// past its lease), syncs the log, keys and batches, fetches the content of every readable
    /// dossier version under `policy` (dropping lost scopes'), and on the secretariat's device
    /// closes the hearings past their expiry. With `watch`, stays connected and does it again at
    /// every poke (`Device.watch`); `onSync` is told each complete sync.
    public func syncEverything(policy: DossierPrefetch.Policy, watch: Bool = false,
                               progress: @escaping @Sendable (SyncEvent) -> Void = { _ in },
                               onSync: @escaping @Sendable (SyncOutcome) async throws -> Void = { _ in }) async throws {
        // A failure here (offline, revoked) is left to the sync below to report or act on.
        let pending = await device.syncOnly ? nil : try? await resumeUploads(progress: progress)
        let untold = Mutex(pending ?? ResumedUploadCount())
        let pulled: @Sendable (SyncProgress) -> Void = { step in
            if case .pulled(_, let cursor, let head) = step { progress(.receiving(cursor: cursor, head: head)) }
        }
        let complete: @Sendable (DeviceSyncReport) async throws -> Void = { report in
            let resumed = untold.withLock { told in defer { told = ResumedUploadCount() }; return told }
            progress(.synced(report, uploadsResumed: resumed))
            let content = try await self.prefetch(policy: policy) { progress(.fetchingDossiers(done: $0, total: $1)) }
            let closed = try await self.closeExpiredHearings()
            try await onSync(SyncOutcome(report: report, uploadsResumed: resumed, content: content, hearingsClosed: closed,
                                         standing: await self.device.standing))
        }
        if watch {
            try await device.watch(progress: pulled, onSync: complete)
        } else {
            try await complete(try await device.sync(progress: pulled))
        }
    }

    /// Finishes the pending uploads of this device (resumable, sending only the chunks the relay
    /// lacks); uploads refused for good are told as `uploadAbandoned`.
    public func resumeUploads(progress: @escaping @Sendable (SyncEvent) -> Void = { _ in }) async throws -> ResumedUploadCount {
        let transfer = SealedFileTransfer(client: device.relayClient)
        let sent = Mutex(0)
        let resumed = try await DossierLibrary.resumeUploads(store: device.store, writable: await device.writableScopes) { scope, id, cache in
            let count = try await transfer.upload(id, scope: scope, from: cache) { progress(.resumingUpload(done: $0, total: $1)) }
            sent.withLock { $0 += count }
        }
        for reason in resumed.refused { progress(.uploadAbandoned(reason)) }
        return ResumedUploadCount(versions: resumed.recorded.count, chunks: sent.withLock { $0 })
    }

    /// Brings the content of every version this device may read into its replica.
    public func prefetch(policy: DossierPrefetch.Policy,
                         progress: @escaping SealedFileTransfer.Progress = { _, _ in }) async throws -> DossierPrefetch.Report {
        try await DossierPrefetch(store: device.store, transfer: SealedFileTransfer(client: device.relayClient))
            .run(readable: await device.readableScopes, policy: policy, progress: progress)
    }
}
