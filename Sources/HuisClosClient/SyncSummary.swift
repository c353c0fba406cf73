public import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
public import HuisClosL10n
import HuisClosProtocol
public import HuisClosStore
import HuisClosSync
import HuisClosTrust

/// A complete sync as `sync --json` prints it: counts and language-free keywords, with the
/// notices and problems in `language`.
public struct SyncSummary: Encodable, Sendable {
    public let membershipRecords: Int
    public let keysAccepted: Int
    public let keysRefused: Int
    public let pushed: Int
    public let received: Int
    public let alreadyHeld: Int
    public let refused: Int
    public let uploadsResumed: Int
    public let chunksResent: Int
    public let dossiersFetched: Int
    public let dossiersSkipped: Int
    public let dossiersRefused: Int
    public let dossiersDropped: Int
    public let heldMerged: Int
    public let held: [HeldGroup]
    public let waitingForKey: [String]
    /// Fingerprints of this member's devices awaiting approval.
    public let devicesAwaitingApproval: [String]
    /// Relay repairs and batches refused on receipt, with why (`SyncReport.notices`).
    public let notices: [String]
    /// What the sync could not do, with what to do (`SyncReport.problems`); non-empty is a failed sync.
    public let problems: [String]

    /// The summary of `outcome`, its sentences in `language`.
    public init(_ outcome: SyncOutcome, in language: Language) {
        let result = outcome.report, batches = result.batches, content = outcome.content
        membershipRecords = result.membershipRecords
        keysAccepted = result.keysAccepted
        keysRefused = result.keysRefused.count
        pushed = batches.pushed
        received = batches.pulled.applied
        alreadyHeld = batches.pulled.duplicates
        refused = batches.pulled.rejected.count + batches.pushRejected.count
        uploadsResumed = outcome.uploadsResumed.versions
        chunksResent = outcome.uploadsResumed.chunks
        dossiersFetched = content.fetched
        dossiersSkipped = content.skipped
        dossiersRefused = content.refused.count
        dossiersDropped = content.dropped
        heldMerged = result.heldMerged
        held = HeldGroup.of(result.held)
        waitingForKey = result.waitingForKey.map(\.rawValue)
        devicesAwaitingApproval = result.devicesAwaitingApproval.map(\.fingerprint.description)
        notices = ([result.relayRestoredNotice].compactMap { $0 } + batches.notices + [result.clockOffset?.notice].compactMap { $0 })
            .map { $0.in(language) }
        problems = ([result.recordPending].compactMap { $0 } + batches.problems).map { $0.in(language) }
    }

    /// The batch result of a sync, as soon as it is known: counts, notices, problems, what is
    /// held and why, keys awaited, devices to approve, uploads resumed.
    public static func batchLines(_ result: DeviceSyncReport, resumed: ResumedUploadCount) -> [ReportLine] {
        let batches = result.batches
        let refused = batches.pulled.rejected.count + batches.pushRejected.count
        var lines: [ReportLine] = [.info(Text(
            fr: "Registre : +\(result.membershipRecords) · clés : +\(result.keysAccepted) · envoyés : \(batches.pushed) · reçus : \(batches.pulled.applied) · déjà là : \(batches.pulled.duplicates) · refusés : \(refused)",
            en: "Log: +\(result.membershipRecords) · keys: +\(result.keysAccepted) · pushed: \(batches.pushed) · received: \(batches.pulled.applied) · already held: \(batches.pulled.duplicates) · refused: \(refused)"))]
        lines += ([result.relayRestoredNotice].compactMap { $0 } + batches.notices).map(ReportLine.info)
            + ([result.recordPending].compactMap { $0 } + batches.problems).map(ReportLine.problem)
        // Whose clock is off, by how much, and what to do (nothing is stopped within a day).
        if let clock = result.clockOffset?.notice { lines.append(.problem(clock)) }
        lines += HeldGroup.of(result.held).map { .info(Text(fr: "En attente — " + $0.text.french, en: "Held — " + $0.text.english)) }
        lines += result.waitingForKey.map { scope in .info(Text(
            fr: "Clé de l'époque en cours pas encore reçue (\(scope.text.french)) : ses lots seront reçus à une prochaine synchronisation",
            en: "The current epoch's key has not arrived yet (\(scope.text.english)): its batches are pulled at a later sync")) }
        lines += result.devicesAwaitingApproval.map { .info(.awaitingApproval($0.fingerprint)) }
        if resumed.versions > 0 {
            lines.append(.info(Text(fr: "Envois repris : \(resumed.versions) version(s), \(resumed.chunks) morceau(x) manquant(s) envoyé(s)",
                                    en: "Uploads resumed: \(resumed.versions) version(s), \(resumed.chunks) missing chunk(s) sent")))
        }
        return lines
    }

    /// The rest of a complete sync: the hearings closed, the dossier content, and the device's
    /// standing when it lost its access (told why, not only how many dossiers it dropped).
    public static func outcomeLines(_ outcome: SyncOutcome) -> [ReportLine] {
        let content = outcome.content
        var lines = outcome.hearingsClosed.map { hearing in ReportLine.info(Text(
            fr: "Audition \(hearing) échue : close, effacement de l'appareil de l'invité ordonné.",
            en: "Hearing \(hearing) expired: closed, the guest's device ordered wiped.")) }
        lines.append(.info(Text(
            fr: "Dossiers : reçus \(content.fetched) · laissés sur le serveur \(content.skipped) · refusés \(content.refused.count) · effacés \(content.dropped)",
            en: "Dossiers: fetched \(content.fetched) · left on the server \(content.skipped) · refused \(content.refused.count) · dropped \(content.dropped)")))
        lines += content.refused.map { .problem($0) }
        if outcome.standing != .valid { lines.append(.info(outcome.standing.text)) }
        return lines
    }
}

/// Held batches of one scope for one reason (and, for a missing key, one epoch).
public struct HeldGroup: Encodable, Hashable, Sendable {
    public let scope: String
    /// `keyUnavailable`, `gap` or `clockAhead` (and any reason added later).
    public let reason: String
    /// The key epoch the batches wait for; 0 unless `reason` is `keyUnavailable`.
    public let epoch: UInt32
    public var count = 0

    /// The held batches grouped, in a stable order.
    public static func of(_ held: [HeldBatch]) -> [HeldGroup] {
        var counts: [HeldGroup: Int] = [:]
        for batch in held {
            let key = HeldGroup(scope: batch.id.scope.rawValue, reason: batch.reason.code.rawValue,
                                epoch: batch.reason.code == .keyUnavailable ? batch.epoch : 0)
            counts[key, default: 0] += 1
        }
        return counts.map { var group = $0.key; group.count = $0.value; return group }
            .sorted { ($0.scope, $0.reason, $0.epoch) < ($1.scope, $1.reason, $1.epoch) }
    }

    /// Why, in both languages.
    public var text: Text {
        let scope = ScopeID.text(naming: scope)
        return switch reason {
        case ChangeError.Code.keyUnavailable.rawValue:
            Text(fr: "\(count) lot(s) en attente de la clé de l'époque \(epoch) (\(scope.french)), pas encore reçue (fusionnés dès son arrivée)",
                 en: "\(count) batch(es) waiting for the key of epoch \(epoch) (\(scope.english)), not received yet (merged when it arrives)")
        case ChangeError.Code.gap.rawValue:
            Text(fr: "\(count) lot(s) en attente de lots antérieurs de leur appareil (\(scope.french))",
                 en: "\(count) batch(es) waiting for earlier batches of their device (\(scope.english))")
        case ChangeError.Code.clockAhead.rawValue:
            Text(fr: "\(count) lot(s) datés en avance sur l'horloge de cet appareil, en attente (\(scope.french))",
                 en: "\(count) batch(es) stamped ahead of this device's clock, waiting (\(scope.english))")
        default:
            Text(fr: "\(count) lot(s) en attente (\(scope.french) ; \(reason))", en: "\(count) batch(es) held (\(scope.english); \(reason))")
        }
    }
}
