public import HuisClosL10n

/// Why a device operation failed: a stable code and a message saying what to do. Never holds a
/// key, a passphrase or content.
public struct DeviceError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, ErrorCode {
        /// The folder holds no device, or a device already exists where one is created.
        case noDevice, alreadyExists
        /// The device has not synced within its offline lease: sync before unlocking.
        case leaseExpired
        /// The secretariat's signed wipe order was received: the replica was destroyed.
        case wiped
        /// The device was locked (its replica closed, its keys released): unlock it again to go on.
        case locked
        /// The membership log from the server does not verify from the pinned trust root.
        case untrustedLog
        /// This device's clock is behind what the council signed: set it right, then sync again.
        case clockBehind
        /// The relay's clock is too far behind this device's for the relay to keep what it signs:
        /// the secretariat sets the relay's clock right.
        case relayClockBehind
        /// This device is not (or no longer) allowed to do this by the membership log.
        case notAuthorised
        /// No device of this member waits for approval with the fingerprint given (mistyped, or already approved).
        case noDeviceAwaiting
        /// A scope key is missing for this scope (wait for a sync, or not entitled).
        case keyUnavailable
        /// Only the secretariat's device holding the trust root may do this.
        case notSecretariat
        /// A root backup that is not one, does not open with the passphrase given, or holds
        /// another council's root.
        case rootBackupInvalid
        /// A membership record this device signed waits for the relay, which refuses it for now:
        /// the device signs nothing else until the relay keeps it (`Device.settleOutbound`).
        case recordPending
        /// A membership record signed while the relay was unreachable: noted on this device, it
        /// leaves at the next sync (`Device.settleOutbound`); signing it again is not needed.
        case signedNotSent
        /// The relay unreachable before a membership record was signed: nothing was.
        case notSigned

        public static let domain = "device"

        public var text: Text {
            switch self {
            case .noDevice:
                Text(fr: "aucun appareil dans ce dossier : un membre enrôle son appareil avec le code du secrétariat (huisclos enrol) ; le secrétariat crée d'abord le conseil (huisclos admin creer) ; sinon indiquez le bon dossier (--device ou HUISCLOS_DEVICE)",
                     en: "no device in this folder: a member enrols a device with the secretariat's code (huisclos enrol); the secretariat first creates the council (huisclos admin setup); otherwise give the right folder (--device or HUISCLOS_DEVICE)")
            case .alreadyExists:
                Text(fr: "ce dossier n'est pas vide : choisissez un nouveau dossier pour cet appareil ; rien n'a été écrit",
                     en: "this folder is not empty: choose a new folder for this device; nothing was written")
            case .leaseExpired:
                Text(fr: "cet appareil ne s'est pas synchronisé depuis trop longtemps : lancez huisclos sync d'abord",
                     en: "this device has not synced for too long: run huisclos sync first")
            case .wiped:
                Text(fr: "le secrétariat a ordonné l'effacement de cet appareil ; sa réplique est détruite. Pour revenir, demandez un nouveau code d'enrôlement.",
                     en: "the secretariat ordered this device wiped; its replica is destroyed. To come back, ask for a new enrolment code.")
            case .locked:
                Text(fr: "appareil verrouillé : déverrouillez-le (relancez la commande, ou huisclos app) ; rien n'a été lu ni écrit",
                     en: "device locked: unlock it (run the command again, or huisclos app); nothing was read or written")
            case .untrustedLog:
                Text(fr: "le registre signé reçu ne se vérifie pas depuis la racine de confiance de cet appareil : il est refusé et rien n'a été gardé ; signalez-le au secrétariat",
                     en: "the signed log received does not verify from this device's trust root: it is refused and nothing was kept; tell the secretariat")
            case .clockBehind:
                Text(fr: "l'horloge de cet appareil retarde sur ce que le conseil a signé : remettez-la à l'heure (date et heure automatiques), puis synchronisez de nouveau ; ce que l'appareil contient reste lisible",
                     en: "this device's clock is behind what the council signed: set it right (automatic date and time), then sync again; what the device holds stays readable")
            case .relayClockBehind:
                Text(fr: "l'horloge du serveur relais retarde trop sur celle de cet appareil pour qu'il garde ce que l'appareil signerait : rien n'a été signé ; le secrétariat remet l'horloge du serveur à l'heure, puis recommencez",
                     en: "the relay's clock is too far behind this device's for the relay to keep what this device would sign: nothing was signed; the secretariat sets the relay's clock right, then try again")
            case .notAuthorised:
                Text(fr: "le registre signé ne permet pas (ou plus) ceci à cet appareil : adressez-vous au secrétariat si c'est une erreur",
                     en: "the signed log does not (or no longer) allow this device to do this: ask the secretariat if this is a mistake")
            case .noDeviceAwaiting:
                Text(fr: "aucun appareil de ce membre n'attend d'approbation avec cette empreinte : relisez celle que le nouvel appareil affiche (huisclos status)",
                     en: "no device of this member awaits approval with this fingerprint: read again the one the new device shows (huisclos status)")
            case .keyUnavailable:
                Text(fr: "la clé de cette portée manque sur cet appareil : synchronisez et réessayez ; sinon, l'appareil n'y a pas accès",
                     en: "this scope's key is missing on this device: sync and try again; otherwise the device has no access to it")
            case .notSecretariat:
                Text(fr: "seul l'appareil du secrétariat qui détient la racine de confiance peut faire ceci : adressez-vous au secrétariat",
                     en: "only the secretariat's device holding the trust root may do this: ask the secretariat")
            case .rootBackupInvalid:
                Text(fr: "cette sauvegarde de la racine n'est pas utilisable (autre fichier, autre conseil, mauvaise phrase de passe ou fichier modifié) : rien n'a changé",
                     en: "this root backup cannot be used (another file, another council, wrong passphrase or an altered file): nothing changed")
            case .recordPending:
                Text(fr: "un enregistrement du registre signé par cet appareil attend que le serveur le garde, et le serveur le refuse pour l'instant : cet appareil ne signe rien d'autre d'ici là ; synchronisez plus tard, et prévenez le secrétariat si cela persiste",
                     en: "a membership record this device signed waits for the server to keep it, and the server refuses it for now: this device signs nothing else meanwhile; sync later, and tell the secretariat if it persists")
            case .notSigned:
                Text(fr: "rien n'a été signé ; relancez la commande une fois le serveur joignable (cet appareil reste lisible hors ligne)",
                     en: "nothing was signed; run the command again once the server is reachable (this device stays readable offline)")
            case .signedNotSent:
                Text(fr: "ce que cette commande a signé est gardé sur cet appareil : la prochaine synchronisation (huisclos sync) l'envoie au serveur, ou constate qu'il l'a déjà reçu ; ses étapes suivantes n'ont pas eu lieu : voyez où elle en est (listes, huisclos statut) avant de la relancer",
                     en: "what this command signed is kept on this device: the next sync (huisclos sync) sends it to the server, or finds it already there; its later steps did not run: see where it stands (listings, huisclos status) before running it again")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .untrustedLog, .rootBackupInvalid, .clockBehind, .relayClockBehind: .dataRefused
            case .noDeviceAwaiting: .usage
            case .alreadyExists: .localIO  // a folder problem, as the replica's own (the root help files it under 74)
            case .noDevice, .leaseExpired, .wiped, .locked, .notAuthorised, .keyUnavailable, .notSecretariat: .notAllowed
            case .recordPending, .signedNotSent, .notSigned: .unreachable
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// What happened and what to do, in both languages.
    public let text: Text

    /// An error with its code and a `text` in both languages.
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}
