public import HuisClosL10n

/// A change that cannot be made or a batch that cannot be merged: what happened and what to do.
///
/// Thrown by encoders and decoders of operations, by the clock, and reported per batch by the
/// replica store. Messages never contain field values (they may be confidential).
public struct ChangeError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable codes callers can switch on; new codes may be added.
    public enum Code: String, ErrorCode {
        /// ChangeOperation bytes break the format of Protocol/OPERATIONS.md.
        case malformed
        /// A length or count exceeds its limit in `EngineLimits`.
        case tooLarge
        /// A local change is invalid (bad name, empty batch): fix the calling code.
        case invalidChange
        /// The batch envelope is not signed by its author device.
        case badSignature
        /// The batch skips sequences of its device's chain: earlier batches are missing.
        case gap
        /// The device signed two different histories (same sequence, different bytes, or a
        /// previous hash that does not match).
        case fork
        /// The authorizer refused an operation of the batch.
        case unauthorized
        /// The body could not be opened (sealed without an available key, or wrong kind).
        case cannotOpenBody
        /// A timestamp is further ahead of the wall clock than the allowed drift.
        case clockAhead
        /// Too many batches are held back: resync this replica.
        case tooManyHeld
        /// The body is sealed with a scope key epoch this device has not received yet: the batch
        /// is held and merged once the key arrives (never skipped).
        case keyUnavailable
        /// The scope's key must rotate first (someone left it): a write now would be readable by
        /// them; the next sync of a device holding the scope's authority starts the new epoch.
        case rotationPending
        /// The batch names a membership log position this replica has not verified yet: held
        /// until the log catches up (the next sync pulls it).
        case logBehind

        public static let domain = "change"

        public var text: Text {
            switch self {
            case .malformed:
                Text(fr: "des modifications reçues sont mal formées : elles sont refusées et rien n'a changé ; synchronisez de nouveau, et signalez-le au secrétariat si cela se répète",
                     en: "changes received are malformed: they are refused and nothing changed; sync again, and tell the secretariat if it happens again")
            case .tooLarge:
                Text(fr: "une modification dépasse une limite (taille d'un champ ou nombre d'opérations) : rien n'a été écrit ; découpez-la",
                     en: "a change is over a limit (a field's size or the number of operations): nothing was written; split it")
            case .invalidChange:
                Text(fr: "la modification n'est pas valable (un identifiant mal écrit, ou un lot vide) : rien n'a été écrit ; corrigez l'identifiant (lettres, chiffres, « _ », « . », « - »)",
                     en: "the change is not valid (a badly written id, or an empty batch): nothing was written; fix the id (letters, digits, '_', '.', '-')")
            case .badSignature:
                Text(fr: "un lot de modifications n'est pas signé par l'appareil qui en est l'auteur : il est refusé",
                     en: "a batch of changes is not signed by its author device: it is refused")
            case .gap:
                Text(fr: "des lots d'un appareil manquent avant celui-ci : il est mis de côté jusqu'à leur arrivée ; synchronisez de nouveau",
                     en: "batches of a device are missing before this one: it is held until they arrive; sync again")
            case .fork:
                Text(fr: "un appareil a signé deux historiques différents : ses lots en conflit sont refusés ; signalez-le au secrétariat",
                     en: "a device signed two different histories: its conflicting batches are refused; tell the secretariat")
            case .unauthorized:
                Text(fr: "le registre signé ne permet pas cette écriture à son auteur : elle est refusée et rien n'a été écrit",
                     en: "the signed log does not allow its author this write: it is refused and nothing was written")
            case .cannotOpenBody:
                Text(fr: "un lot chiffré ne s'ouvre pas sur cet appareil (clé absente ou lot altéré) : il est refusé ; synchronisez de nouveau",
                     en: "an encrypted batch does not open on this device (key missing or batch altered): it is refused; sync again")
            case .clockAhead:
                Text(fr: "une modification est datée trop loin en avance sur l'horloge : vérifiez l'heure de cet appareil (ou de l'auteur) ; elle est mise de côté",
                     en: "a change is dated too far ahead of the clock: check this device's time (or its author's); it is held")
            case .tooManyHeld:
                Text(fr: "trop de lots sont en attente sur cet appareil : détruisez le dossier de l'appareil et enrôlez-le de nouveau pour repartir du serveur",
                     en: "too many batches are held on this device: destroy the device folder and enrol it again to start over from the server")
            case .keyUnavailable:
                Text(fr: "la clé de cette portée n'est pas encore arrivée sur cet appareil : le lot est gardé et fusionné à son arrivée ; synchronisez plus tard",
                     en: "this scope's key has not reached this device yet: the batch is kept and merged when it arrives; sync later")
            case .rotationPending:
                Text(fr: "quelqu'un a quitté cette portée et sa clé doit être renouvelée avant toute écriture ; rien n'a été écrit. La prochaine synchronisation du secrétariat (ou de la présidence pour un groupe de travail ou une audition) la renouvelle : synchronisez puis écrivez à nouveau.",
                     en: "someone left this scope and its key must be renewed before anyone writes in it; nothing was written. The next sync of the secretariat (or of the president for a working group or hearing) renews it: sync, then write again.")
            case .logBehind:
                Text(fr: "un lot renvoie à une partie du registre signé que cet appareil n'a pas encore vérifiée : il est gardé ; synchronisez de nouveau",
                     en: "a batch refers to a part of the signed log this device has not verified yet: it is kept; sync again")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .invalidChange, .tooLarge: .usage
            case .malformed, .badSignature, .gap, .fork, .cannotOpenBody, .clockAhead, .logBehind: .dataRefused
            case .unauthorized, .keyUnavailable, .rotationPending: .notAllowed
            case .tooManyHeld: .localIO
            }
        }
    }

    /// What kind of failure this is (stable, for code).
    public let code: Code
    /// What happened and what to do, in both languages (never contains field values).
    private let detail: Text
    /// The error of a higher layer that caused this one, when there is one (an authorizer's rule
    /// refusal, with its words in every language), so a caller can show it as it was given.
    public let cause: (any Error & Sendable)?

    /// An error of `code`, explained by `text` in both languages, caused by `cause` when given.
    public init(_ code: Code, _ text: Text, cause: (any Error & Sendable)? = nil) {
        self.code = code
        detail = text
        self.cause = cause
    }

    /// The cause's words when it is a HuisClos error (a council rule quoted as it was given), else this error's.
    public var text: Text { (cause as? any HuisClosError)?.text ?? detail }

    /// The cause's exit status when it is a HuisClos error (a council rule refuses: 65), else the code's.
    public var exitStatus: ExitStatus { (cause as? any HuisClosError)?.exitStatus ?? code.exitStatus }
}
