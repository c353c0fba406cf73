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
    static var configuration: CommandConfiguration { .init(commandName: "sync", help: SyncHelp.command, aliases: ["synchroniser"]) }
    @OptionGroup var device: DeviceOptions
    @Flag(name: [.customLong("suivre"), .customLong("watch")], help: .init(SyncHelp.watch)) var watch = false
    @Flag(help: .json) var json = false
    @Flag(help: .init(SyncHelp.sansGrosFichiers)) var sansGrosFichiers = false

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
