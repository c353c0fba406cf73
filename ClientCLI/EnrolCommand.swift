import ArgumentParser
import HuisClosClient
import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// The public half of a device, as `enrol` prints it for the secretariat to certify.
struct DeviceCard: Encodable {
    let member: String
    let signingKey: String
    let agreementKey: String
    /// What the member compares on screen before approving this device from another one.
    let fingerprint: String

    init(_ certificate: CertifiedDevice) {
        member = certificate.member.hex
        signingKey = Hex.encode(certificate.signingKey.bytes)
        agreementKey = Hex.encode(certificate.agreementKey.bytes)
        fingerprint = DeviceFingerprint(of: certificate.signingKey).description
    }
}

/// `huisclos enrol`: creates this device's keys here and registers their public half with a code.
struct Enrol: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enrôle cet appareil avec un code du secrétariat / enrols this device with a code.",
        discussion: """
            Les clés privées sont créées ici et ne quittent jamais l'appareil. Donnez ensuite au secrétariat \
            la carte affichée (membre, clé de signature, clé d'accord) pour qu'il certifie l'appareil ; \
            la première synchronisation suivante signe votre acceptation de la charte.
            Private keys are created here and never leave the device; hand the printed card to the secretariat.

            Exemple / example:
              huisclos enrol --server https://conseil.example --code K7Q… \\
                --root 3b6a… --member 9f1c… --charter charte.pdf --json
            La phrase de passe (au moins 12 caractères) est demandée sans écho ; jamais sur la ligne de commande.
            The passphrase (12 characters or more) is asked without echo; never on the command line.
            """)
    @OptionGroup var device: DeviceOptions
    @Option(help: "URL du serveur / server URL.") var server: String
    @Option(help: "Code d'enrôlement / enrolment code.") var code: String
    @Option(help: "Clé publique racine du conseil (hex), donnée avec le code / council trust root (hex).") var root: String
    @Option(help: "Identifiant du membre (hex) / member id (hex).") var member: String
    @Option(help: "Charte et engagement de confidentialité acceptés (fichier) / accepted charter file.") var charter: String
    @Flag(help: "Sortie JSON / JSON output.") var json = false

    func run() async throws {
        try await runReporting {
            guard let rootBytes = Hex.decode(root), let rootKey = try? SigningPublicKey(bytes: rootBytes) else {
                throw UsageError("--root", root, accepts: Text(fr: "l'empreinte de la racine en 64 chiffres hexadécimaux, donnée par le secrétariat", en: "the root's 64 hex digits, given by the secretariat"))
            }
            guard let memberBytes = Hex.decode(member), let memberID = try? MemberID(bytes: memberBytes) else {
                throw UsageError("--member", member, accepts: Text(fr: "votre identifiant de membre en 32 chiffres hexadécimaux, donné par le secrétariat", en: "your member id in 32 hex digits, given by the secretariat"))
            }
            if let warning = SyncClient.transportWarning(for: server) { Console.error(warning.in(language) + "\n") }
            let text = try Data(contentsOf: URL(fileURLWithPath: charter))
            let enrolled = try await Device.enrol(folder: device.url, server: server, code: code, passphrase: try device.passphrase(),
                                                  member: memberID, trustRoot: rootKey, charterDigest: Hash.blake2b([UInt8](text)))
            let card = DeviceCard(enrolled.certificate)
            try await enrolled.lock()
            if json { return try printJSON(card) }
            say(Text(fr: "Appareil enrôlé. Carte à remettre au secrétariat :", en: "Device enrolled. Card for the secretariat:"))
            say(Text(fr: "  membre \(card.member)\n  signature \(card.signingKey)\n  accord \(card.agreementKey)",
                     en: "  member \(card.member)\n  signing \(card.signingKey)\n  agreement \(card.agreementKey)"))
            say(Text(fr: "Empreinte de cet appareil : \(card.fingerprint). Notez-la : si vous avez déjà un appareil approuvé, "
                         + "approuvez celui-ci depuis l'autre (huisclos appareils approuver \(card.fingerprint)) après sa certification.",
                     en: "This device's fingerprint: \(card.fingerprint). Note it: if you already have an approved device, "
                         + "approve this one from it (huisclos appareils approuver \(card.fingerprint)) once it is certified."))
        }
    }
}

/// `huisclos status`: what this device is, per the verified membership log.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "État de l'appareil / device status.",
        discussion: "Exemple / example: huisclos status --json")
    @OptionGroup var device: DeviceOptions
    @Flag(help: "Sortie JSON / JSON output.") var json = false

    struct Report: Encodable {
        let device: DeviceCard
        let server: String
        let valid: Bool
        /// True once the member approved this device (first device, or approved from another).
        let approved: Bool
        let readable: [String]
        let writable: [String]
        /// ISO 8601 UTC; nil before the first sync.
        let lastSync: String?
        /// What this device still waits for (`PendingStep.keyword`; the text output says who must act).
        let pending: [String]
        /// The state digest of each scope held (hex BLAKE2b-256): equal on two devices, they hold the same.
        let digests: [String: String]
    }

    /// What `standing` means for the person holding the device, and what to do.
    static func standing(_ standing: DeviceStanding) -> Text {
        func day(_ instant: Instant) -> Day { Day(unixSeconds: instant.unixSeconds) ?? Day(year: 1970, month: 1, day: 1)! }
        switch standing {
        case .valid:
            return Text(fr: "Certifié dans le registre signé.", en: "Certified in the signed log.")
        case .notCertified:
            return Text(fr: "Pas encore certifié : remettez votre carte au secrétariat, puis synchronisez après la certification.",
                        en: "Not certified yet: give your card to the secretariat, then sync after certification.")
        case let .revoked(at):
            return Text(fr: "Appareil révoqué le \(day(at).french) : il n'a plus accès au conseil. Si c'est une erreur, contactez le secrétariat.",
                        en: "Device revoked on \(day(at).iso): it no longer has access to the council. If this is a mistake, contact the secretariat.")
        case let .mandateEnded(at):
            return Text(fr: "Votre mandat a pris fin le \(day(at).french) : accès au conseil retiré. Ce qui reste sur l'appareil n'est plus lisible.",
                        en: "Your mandate ended on \(day(at).iso): access to the council withdrawn. What remains on the device can no longer be read.")
        case .mandateNotStarted:
            return Text(fr: "Certifié, mais votre mandat n'a pas encore commencé : synchronisez à sa date de début.",
                        en: "Certified, but your mandate has not started yet: sync on its start date.")
        }
    }

    /// `date` in ISO 8601 UTC, nil for the epoch (never synced).
    func run() async throws {
        try await runReporting {
            let status = try await device.open(toSync: true).run { try await $0.status() }
            let standing = status.standing
            let pending = status.pending
            let report = Report(device: DeviceCard(status.certificate), server: status.server, valid: status.valid, approved: status.approved,
                                readable: status.readable, writable: status.writable,
                                lastSync: status.lastSync.map { ISO8601DateFormatter().string(from: $0) },
                                pending: pending.map(\.keyword),
                                digests: Dictionary(uniqueKeysWithValues: status.digests.map { ($0.key.rawValue, $0.value.hex) }))
            if json { return try printJSON(report) }
            say(Text(fr: "Serveur : \(report.server)", en: "Server: \(report.server)"))
            say(Text(fr: "Appareil : \(report.device.signingKey) (membre \(report.device.member))",
                     en: "Device: \(report.device.signingKey) (member \(report.device.member))"))
            say(Self.standing(standing))
            say(Text(fr: "Empreinte : \(report.device.fingerprint)", en: "Fingerprint: \(report.device.fingerprint)"))
            for step in pending where standing == .valid {
                say(Text(fr: "En attente — \(step.text.french)", en: "Pending — \(step.text.english)"))
            }
            let none = Text(fr: "aucune", en: "none").in(language)
            let readable = report.readable.isEmpty ? none : report.readable.joined(separator: ", ")
            let writable = report.writable.isEmpty ? none : report.writable.joined(separator: ", ")
            say(Text(fr: "Lecture : \(readable)", en: "Read: \(readable)"))
            say(Text(fr: "Écriture : \(writable)", en: "Write: \(writable)"))
            say(Text(fr: "Dernière synchronisation : \(report.lastSync.map { "\($0) (UTC)" } ?? "jamais")",
                     en: "Last sync: \(report.lastSync.map { "\($0) (UTC)" } ?? "never")"))
        }
    }
}

/// `huisclos passphrase`: changes the passphrase of the device's replica.
struct ChangePassphrase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase", abstract: "Change la phrase de passe / changes the passphrase.",
        discussion: """
            Exemple / example : huisclos passphrase --device ~/.huisclos
            Scripts : HUISCLOS_PASSPHRASE (actuelle/current) et HUISCLOS_NEW_PASSPHRASE (nouvelle/new).
            """)
    @OptionGroup var device: DeviceOptions

    func run() async throws {
        try await runReporting {
            let old = try device.passphrase()
            let environment = ProcessInfo.processInfo.environment
            guard let new = environment["HUISCLOS_NEW_PASSPHRASE"] ?? Passphrase.read(
                prompt: Text(fr: "Nouvelle phrase de passe : ", en: "New passphrase: ").in(language), environment: [:]), !new.isEmpty else {
                throw UsageError.passphraseMissing(variable: "HUISCLOS_NEW_PASSPHRASE")
            }
            let opened = try Device.unlock(folder: device.url, passphrase: old, toSync: true)
            try await opened.changePassphrase(from: old, to: new)
            try await opened.lock()
            say(Text(fr: "Phrase de passe changée.", en: "Passphrase changed."))
        }
    }
}
