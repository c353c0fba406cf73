import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
import HuisClosL10n
import HuisClosStore
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust
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
        let heldMerged: Int
        let held: [HeldGroup]
        let waitingForKey: [String]
        /// Fingerprints of this member's devices awaiting approval.
        let devicesAwaitingApproval: [String]
        /// Relay repairs and batches refused on receipt, with why (`SyncReport.notices`).
        let notices: [String]
        /// What the sync could not do, with what to do (`SyncReport.problems`); non-empty exits 65.
        let problems: [String]
    }

    /// Held batches of one scope for one reason (and, for a missing key, one epoch).
    struct HeldGroup: Encodable, Hashable {
        let scope: String
        /// `keyUnavailable`, `gap` or `clockAhead` (and any reason added later).
        let reason: String
        /// The key epoch the batches wait for; 0 unless `reason` is `keyUnavailable`.
        let epoch: UInt32
        var count = 0

        /// The held batches grouped, in a stable order.
        static func of(_ held: [HeldBatch]) -> [HeldGroup] {
            var counts: [HeldGroup: Int] = [:]
            for batch in held {
                let key = HeldGroup(scope: batch.id.scope.rawValue, reason: batch.reason.code.rawValue,
                                    epoch: batch.reason.code == .keyUnavailable ? batch.epoch : 0)
                counts[key, default: 0] += 1
            }
            return counts.map { var group = $0.key; group.count = $0.value; return group }
                .sorted { ($0.scope, $0.reason, $0.epoch) < ($1.scope, $1.reason, $1.epoch) }
        }

        /// Why, in the person's language.
        var text: Text {
            switch reason {
            case ChangeError.Code.keyUnavailable.rawValue:
                Text(fr: "\(scope) : \(count) lot(s) en attente de la clé de l'époque \(epoch), pas encore reçue (fusionnés dès son arrivée)",
                     en: "\(scope): \(count) batch(es) waiting for the key of epoch \(epoch), not received yet (merged when it arrives)")
            case ChangeError.Code.gap.rawValue:
                Text(fr: "\(scope) : \(count) lot(s) en attente de lots antérieurs de leur appareil",
                     en: "\(scope): \(count) batch(es) waiting for earlier batches of their device")
            case ChangeError.Code.clockAhead.rawValue:
                Text(fr: "\(scope) : \(count) lot(s) datés en avance sur l'horloge de cet appareil, en attente",
                     en: "\(scope): \(count) batch(es) stamped ahead of this device's clock, waiting")
            default:
                Text(fr: "\(scope) : \(count) lot(s) en attente (\(reason))", en: "\(scope): \(count) batch(es) held (\(reason))")
            }
        }
    }

    func run() async throws {
        try await runReporting {
            let session = try device.open(toSync: true)
            if let warning = SyncClient.transportWarning(for: session.device.server) { Console.error(warning.in(language) + "\n") }
            let bars = ProgressBars(quiet: json)
            let json = self.json
            let unsolved = Mutex(false)
            do {
                try await session.syncEverything(policy: sansGrosFichiers ? .skipLarge : .everything, watch: watch, progress: { event in
                    switch event {
                    case .receiving(let cursor, let head): bars.update(Text(fr: "Réception", en: "Receiving"), Int(cursor), Int(head))
                    case .resumingUpload(let done, let total): bars.update(Text(fr: "Reprise de l'envoi", en: "Resuming upload"), done, total)
                    case .fetchingDossiers(let done, let total): bars.update(Text(fr: "Dossiers", en: "Dossiers"), done, total)
                    case .uploadAbandoned(let reason):
                        Console.error(Text(fr: "Envoi abandonné : \(reason)", en: "Upload abandoned: \(reason)").in(language) + "\n")
                    case .synced(let report, let resumed):
                        bars.finish()
                        if !report.batches.problems.isEmpty { unsolved.withLock { $0 = true } }
                        // The batch result first: a cut during the content fetch does not hide it.
                        if !json { Sync.sayBatches(report, resumed: resumed) }
                    }
                }, onSync: { outcome in
                    bars.finish()
                    try Sync.sayOutcome(outcome, json: json)
                })
                try await session.lock()
                // A write the relay refused, or a loss it could not be given back, is a failed sync.
                if unsolved.withLock({ $0 }) { throw ExitCode(ExitStatus.dataRefused.rawValue) }
            } catch let error as DeviceError where error.code == .wiped {
                Console.error(Text(fr: "Ordre d'effacement signé reçu : les données de cet appareil ont été détruites.",
                                   en: "Signed wipe order received: this device's data has been destroyed.").in(language) + "\n")
                throw error
            }
        }
    }

    /// The batch result of a sync, as soon as it is known.
    static func sayBatches(_ result: DeviceSyncReport, resumed: ResumedUploadCount) {
        let batches = result.batches
        let refused = batches.pulled.rejected.count + batches.pushRejected.count
        say(Text(fr: "Registre : +\(result.membershipRecords) · clés : +\(result.keysAccepted) · envoyés : \(batches.pushed) · reçus : \(batches.pulled.applied) · déjà là : \(batches.pulled.duplicates) · refusés : \(refused)",
                 en: "Log: +\(result.membershipRecords) · keys: +\(result.keysAccepted) · pushed: \(batches.pushed) · received: \(batches.pulled.applied) · already held: \(batches.pulled.duplicates) · refused: \(refused)"))
        for notice in batches.notices { say(notice) }
        if let clock = result.clockOffset?.notice { Console.error(clock.in(language) + "\n") }
        for problem in batches.problems { Console.error(problem.in(language) + "\n") }
        for group in HeldGroup.of(result.held) {
            say(Text(fr: "En attente — " + group.text.french, en: "Held — " + group.text.english))
        }
        for scope in result.waitingForKey {
            say(Text(fr: "\(scope.rawValue) : clé de l'époque en cours pas encore reçue ; ses lots seront reçus à une prochaine synchronisation",
                     en: "\(scope.rawValue): the current epoch's key has not arrived yet; its batches are pulled at a later sync"))
        }
        for pending in result.devicesAwaitingApproval { say(.awaitingApproval(pending.fingerprint)) }
        if resumed.versions > 0 {
            say(Text(fr: "Envois repris : \(resumed.versions) version(s), \(resumed.chunks) morceau(x) manquant(s) envoyé(s)",
                     en: "Uploads resumed: \(resumed.versions) version(s), \(resumed.chunks) missing chunk(s) sent"))
        }
    }

    /// The rest of a complete sync: the hearings closed, the dossier content, the device's standing (or the JSON summary).
    static func sayOutcome(_ outcome: SyncOutcome, json: Bool) throws {
        let result = outcome.report, batches = result.batches, content = outcome.content, resumed = outcome.uploadsResumed
        if json {
            let refused = batches.pulled.rejected.count + batches.pushRejected.count
            try? printJSON(Summary(membershipRecords: result.membershipRecords, keysAccepted: result.keysAccepted,
                                   keysRefused: result.keysRefused.count, pushed: batches.pushed,
                                   received: batches.pulled.applied, alreadyHeld: batches.pulled.duplicates, refused: refused,
                                   uploadsResumed: resumed.versions, chunksResent: resumed.chunks,
                                   dossiersFetched: content.fetched, dossiersSkipped: content.skipped,
                                   dossiersRefused: content.refused.count, dossiersDropped: content.dropped,
                                   heldMerged: result.heldMerged, held: HeldGroup.of(result.held),
                                   waitingForKey: result.waitingForKey.map(\.rawValue),
                                   devicesAwaitingApproval: result.devicesAwaitingApproval.map(\.fingerprint.description),
                                   notices: (batches.notices + [result.clockOffset?.notice].compactMap { $0 }).map { $0.in(language) }, problems: batches.problems.map { $0.in(language) }))
            return
        }
        for hearing in outcome.hearingsClosed {
            say(Text(fr: "Audition \(hearing) échue : close, effacement de l'appareil de l'invité ordonné.",
                     en: "Hearing \(hearing) expired: closed, the guest's device ordered wiped."))
        }
        say(Text(fr: "Dossiers : reçus \(content.fetched) · laissés sur le serveur \(content.skipped) · refusés \(content.refused.count) · effacés \(content.dropped)",
                 en: "Dossiers: fetched \(content.fetched) · left on the server \(content.skipped) · refused \(content.refused.count) · dropped \(content.dropped)"))
        for reason in content.refused { Console.error(reason + "\n") }
        // A device that lost its access is told why, not only how many dossiers it dropped.
        if outcome.standing != .valid { say(Status.standing(outcome.standing)) }
    }
}
