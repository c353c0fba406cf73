import ArgumentParser
import HuisClosClient
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosSync
import HuisClosTerminal
import Synchronization

/// `huisclos sync`: membership log, keys, then push and pull; `--watch` stays connected.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
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
            """, aliases: ["synchroniser"])
    @OptionGroup var device: DeviceOptions
    @Flag(help: "Reste connecté et synchronise à chaque notification / stay connected, sync on each poke.") var watch = false
    @Flag(help: .json) var json = false
    @Flag(help: "Ne précharge pas les versions de plus de 32 Mio / skip prefetching versions over 32 MiB.") var sansGrosFichiers = false

    func run() async throws {
        let session = try device.open(toSync: true)
        if let warning = SyncClient.transportWarning(for: session.device.server) { Console.error(warning.in(language) + "\n") }
        let bars = ProgressBars(quiet: json)
        let json = self.json
        let unsolved = Mutex(false)
        do {
            try await session.syncEverything(
                policy: sansGrosFichiers ? .skipLarge : .everything, watch: watch,
                progress: { event in
                    switch event {
                    case .receiving(let cursor, let head): bars.update(Text(fr: "Réception", en: "Receiving"), Int(cursor), Int(head))
                    case .resumingUpload(let done, let total): bars.update(Text(fr: "Reprise de l'envoi", en: "Resuming upload"), done, total)
                    case .fetchingDossiers(let done, let total): bars.update(Text(fr: "Dossiers", en: "Dossiers"), done, total)
                    case .uploadAbandoned(let reason):
                        warn(.uploadAbandoned(reason))
                    case .synced(let report, let resumed):
                        bars.finish()
                        if !report.batches.problems.isEmpty { unsolved.withLock { $0 = true } }
                        // The batch result first: a cut during the content fetch does not hide it.
                        if !json { show(SyncSummary.batchLines(report, resumed: resumed)) }
                    }
                },
                onSync: { outcome in
                    bars.finish()
                    if json { try? printJSON(SyncSummary(outcome, in: language)) } else { show(SyncSummary.outcomeLines(outcome)) }
                })
            try await session.lock()
            // A write the relay refused, or a loss it could not be given back, is a failed sync.
            if unsolved.withLock({ $0 }) { throw ExitCode(ExitStatus.dataRefused.rawValue) }
        } catch let error as DeviceError where error.code == .wiped {
            warn(.wiped)
            throw error
        }
    }
}
