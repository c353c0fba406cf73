import ArgumentParser
import Foundation
import HuisClosDevice
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

            Exemples / examples: huisclos sync · huisclos sync --watch · huisclos sync --json
            """)
    @OptionGroup var device: DeviceOptions
    @Flag(help: "Reste connecté et synchronise à chaque notification / stay connected, sync on each poke.") var watch = false
    @Flag(help: "Sortie JSON / JSON output.") var json = false

    struct Summary: Encodable {
        let membershipRecords: Int
        let keysAccepted: Int
        let keysRefused: Int
        let pushed: Int
        let received: Int
        let alreadyHeld: Int
        let refused: Int
    }

    func run() async throws {
        try await runReporting {
            let opened = try device.unlock(toSync: true)
            let bar = Mutex<ProgressBar?>(nil)
            let progress: @Sendable (SyncProgress) -> Void = { step in
                guard case .pulled(_, let cursor, let head) = step, !json else { return }
                bar.withLock { current in
                    if current == nil { current = ProgressBar(label: Text(fr: "Réception", en: "Receiving").in(language), total: Int64(head)) }
                    current?.update(Int64(cursor))
                }
            }
            let report: @Sendable (DeviceSyncReport) -> Void = { result in
                bar.withLock { $0?.finish(); $0 = nil }
                let summary = Summary(membershipRecords: result.membershipRecords, keysAccepted: result.keysAccepted,
                                      keysRefused: result.keysRefused.count, pushed: result.batches.pushed,
                                      received: result.batches.pulled.applied, alreadyHeld: result.batches.pulled.duplicates,
                                      refused: result.batches.pulled.rejected.count + result.batches.pushRejected.count)
                if json { try? printJSON(summary); return }
                say(Text(fr: "Registre : +\(summary.membershipRecords) · clés : +\(summary.keysAccepted) · envoyés : \(summary.pushed) · reçus : \(summary.received) · déjà là : \(summary.alreadyHeld) · refusés : \(summary.refused)",
                         en: "Log: +\(summary.membershipRecords) · keys: +\(summary.keysAccepted) · pushed: \(summary.pushed) · received: \(summary.received) · already held: \(summary.alreadyHeld) · refused: \(summary.refused)"))
            }
            do {
                if watch {
                    try await opened.watch(progress: progress, onSync: report)
                } else {
                    report(try await opened.sync(progress: progress))
                    for hearing in try await Hearing.closeExpired(on: opened) where !json {
                        say(Text(fr: "Audition \(hearing) échue : close, effacement de l'appareil de l'invité ordonné.",
                                 en: "Hearing \(hearing) expired: closed, the guest's device ordered wiped."))
                    }
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
