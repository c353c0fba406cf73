import ArgumentParser
import Foundation
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosSync
import HuisClosTerminal
import Synchronization

/// `huisclos sync`: membership log, keys, then push and pull; `--watch` stays connected.
struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Synchronise avec le serveur / syncs with the server.",
        discussion: """
            Vérifie le registre signé, reçoit les clés, envoie les modifications locales, reçoit celles des autres. \
            Un appareil révoqué avec ordre d'effacement est effacé. Fonctionne aussi après expiration du bail hors ligne. \
            Sur un appareil du secrétariat, clôt les auditions échues (nouvelle clé, effacement de l'appareil de l'invité ordonné).
            Verifies the signed log, receives keys, pushes and pulls. A device ordered wiped is wiped. \
            On a secretariat device, closes expired hearings (new key, the guest's device ordered wiped).
            Puis reçoit le contenu chiffré de chaque version de dossier lisible (lecture et recherche hors ligne) et efface \
            celui des portées perdues ; --sans-gros-fichiers laisse les versions de plus de 32 Mio sur le serveur jusqu'à leur lecture.
            Then fetches the sealed content of every readable dossier version (offline reading and search) and drops the \
            content of lost scopes; --sans-gros-fichiers leaves versions over 32 MiB on the server until read.

            Exemples / examples: huisclos sync · huisclos sync --watch · huisclos sync --json · huisclos sync --sans-gros-fichiers
            """)
    @OptionGroup var device: DeviceOptions
    @Flag(help: "Reste connecté et synchronise à chaque notification / stay connected, sync on each poke.") var watch = false
    @Flag(help: "Sortie JSON / JSON output.") var json = false
    @Flag(help: "Ne précharge pas les versions de plus de 32 Mio / skip prefetching versions over 32 MiB.") var sansGrosFichiers = false

    struct Summary: Encodable {
        let membershipRecords: Int
        let keysAccepted: Int
        let keysRefused: Int
        let pushed: Int
        let received: Int
        let alreadyHeld: Int
        let refused: Int
        let uploadsResumed: Int
        let chunksResent: Int
        let dossiersFetched: Int
        let dossiersSkipped: Int
        let dossiersRefused: Int
        let dossiersDropped: Int
    }

    func run() async throws {
        try await runReporting {
            let opened = try device.unlock(toSync: true)
            if let warning = SyncClient.transportWarning(for: opened.server) { Console.error(warning.in(language) + "\n") }
            let bar = Mutex<ProgressBar?>(nil)
            let progress: @Sendable (SyncProgress) -> Void = { step in
                guard case .pulled(_, let cursor, let head) = step, !json else { return }
                bar.withLock { current in
                    if current == nil { current = ProgressBar(label: Text(fr: "Réception", en: "Receiving").in(language), total: Int64(head)) }
                    current?.update(Int64(cursor))
                }
            }
            let policy: DossierPrefetch.Policy = sansGrosFichiers ? .skipLarge : .everything
            // Uploads a cut or a restart left pending are finished first, so their versions go out with
            // this push; a failure here (offline, revoked) is left to the sync below to report or act on.
            let pending = await opened.syncOnly ? nil : try? await DossierSync.resumeUploads(opened, quiet: json)
            let untold = Mutex(pending ?? (versions: 0, chunks: 0))
            let report: @Sendable (DeviceSyncReport) async throws -> Void = { result in
                bar.withLock { $0?.finish(); $0 = nil }
                let resumed = untold.withLock { told in defer { told = (0, 0) }; return told }
                let batches = result.batches
                let refused = batches.pulled.rejected.count + batches.pushRejected.count
                if !json {  // the batch result first: a cut during the content fetch does not hide it
                    say(Text(fr: "Registre : +\(result.membershipRecords) · clés : +\(result.keysAccepted) · envoyés : \(batches.pushed) · reçus : \(batches.pulled.applied) · déjà là : \(batches.pulled.duplicates) · refusés : \(refused)",
                             en: "Log: +\(result.membershipRecords) · keys: +\(result.keysAccepted) · pushed: \(batches.pushed) · received: \(batches.pulled.applied) · already held: \(batches.pulled.duplicates) · refused: \(refused)"))
                    if resumed.versions > 0 {
                        say(Text(fr: "Envois repris : \(resumed.versions) version(s), \(resumed.chunks) morceau(x) manquant(s) envoyé(s)",
                                 en: "Uploads resumed: \(resumed.versions) version(s), \(resumed.chunks) missing chunk(s) sent"))
                    }
                }
                let content = try await DossierSync.prefetch(opened, policy: policy, quiet: json)
                // After every sync, plain or `--watch`: the secretariat's device closes expired hearings.
                try await Hearing.closeExpiredAndSay(on: opened, json: json)
                if json {
                    try? printJSON(Summary(membershipRecords: result.membershipRecords, keysAccepted: result.keysAccepted,
                                           keysRefused: result.keysRefused.count, pushed: batches.pushed,
                                           received: batches.pulled.applied, alreadyHeld: batches.pulled.duplicates, refused: refused,
                                           uploadsResumed: resumed.versions, chunksResent: resumed.chunks,
                                           dossiersFetched: content.fetched, dossiersSkipped: content.skipped,
                                           dossiersRefused: content.refused.count, dossiersDropped: content.dropped))
                    return
                }
                say(Text(fr: "Dossiers : reçus \(content.fetched) · laissés sur le serveur \(content.skipped) · refusés \(content.refused.count) · effacés \(content.dropped)",
                         en: "Dossiers: fetched \(content.fetched) · left on the server \(content.skipped) · refused \(content.refused.count) · dropped \(content.dropped)"))
                for reason in content.refused { Console.error(reason + "\n") }
            }
            do {
                if watch {
                    try await opened.watch(progress: progress, onSync: report)
                } else {
                    try await report(try await opened.sync(progress: progress))
                }
                try await opened.lock()
            } catch let error as DeviceError where error.code == .wiped {
                Console.error(Text(fr: "Ordre d'effacement signé reçu : les données de cet appareil ont été détruites.",
                                   en: "Signed wipe order received: this device's data has been destroyed.").in(language) + "\n")
                throw error
            }
        }
    }
}
