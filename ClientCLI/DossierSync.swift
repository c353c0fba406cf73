import Foundation
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTerminal
import Synchronization

/// The dossier side of a sync: finish uploads a cut or a restart left pending, then bring every
/// readable version's content into the replica (with a progress bar on long transfers) and drop
/// what the device may no longer read.
enum DossierSync {
    /// A progress bar fed from a `@Sendable` callback; hidden with `quiet` (JSON output).
    static func bar(_ label: Text, quiet: Bool) -> (@Sendable (Int, Int) -> Void, @Sendable () -> Void) {
        let bar = Mutex<ProgressBar?>(nil)
        return ({ done, total in
            guard !quiet, total > 0 else { return }
            bar.withLock { current in
                if current == nil { current = ProgressBar(label: label.in(language), total: Int64(total)) }
                current?.update(Int64(done))
            }
        }, { bar.withLock { $0?.finish(); $0 = nil } })
    }

    /// Finishes the pending uploads of `device`; returns how many versions were recorded now and
    /// how many chunks were sent for them (only those the relay lacked). Uploads refused for good
    /// are told on standard error.
    static func resumeUploads(_ device: Device, quiet: Bool) async throws -> (versions: Int, chunks: Int) {
        let (update, finish) = bar(Text(fr: "Reprise de l'envoi", en: "Resuming upload"), quiet: quiet)
        defer { finish() }
        let transfer = SealedFileTransfer(client: device.relayClient)
        let sent = Mutex(0)
        let resumed = try await DossierLibrary.resumeUploads(store: device.store, writable: await device.writableScopes) { scope, id, cache in
            let count = try await transfer.upload(id, scope: scope, from: cache, progress: update)
            sent.withLock { $0 += count }
        }
        for reason in resumed.refused {
            Console.error(Text(fr: "Envoi abandonné : \(reason)", en: "Upload abandoned: \(reason)").in(language) + "\n")
        }
        return (resumed.recorded.count, sent.withLock { $0 })
    }

    /// Brings the content of every version `device` may read into its replica.
    static func prefetch(_ device: Device, policy: DossierPrefetch.Policy, quiet: Bool) async throws -> DossierPrefetch.Report {
        let (update, finish) = bar(Text(fr: "Dossiers", en: "Dossiers"), quiet: quiet)
        defer { finish() }
        return try await DossierPrefetch(store: device.store, transfer: SealedFileTransfer(client: device.relayClient))
            .run(readable: await device.readableScopes, policy: policy, progress: update)
    }
}
