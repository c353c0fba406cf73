import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosL10n
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// `huisclos enrol`: creates this device's keys here and registers their public half with a code.
struct EnrolCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enrol",
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
            """, aliases: ["enroler", "enrôler"])
    @OptionGroup var device: DeviceOptions
    @Option(help: "URL du serveur / server URL.") var server: String
    @Option(help: "Code d'enrôlement / enrolment code.") var code: String
    @Option(help: "Clé publique racine du conseil (hex), donnée avec le code / council trust root (hex).") var root: String
    @Option(help: "Identifiant du membre (hex) / member id (hex).") var member: String
    @Option(help: "Charte et engagement de confidentialité acceptés (fichier) / accepted charter file.") var charter: String
    @Flag(help: .json) var json = false

    func run() async throws {
        guard let rootBytes = Hex.decode(root), let rootKey = try? SigningPublicKey(bytes: rootBytes) else {
            throw UsageError(
                "--root", root,
                accepts: Text(fr: "l'empreinte de la racine en 64 chiffres hexadécimaux, donnée par le secrétariat", en: "the root's 64 hex digits, given by the secretariat"))
        }
        guard let memberBytes = Hex.decode(member), let memberID = try? MemberID(bytes: memberBytes) else {
            throw UsageError(
                "--member", member,
                accepts: Text(
                    fr: "votre identifiant de membre en 32 chiffres hexadécimaux, donné par le secrétariat", en: "your member id in 32 hex digits, given by the secretariat"))
        }
        if let warning = SyncClient.transportWarning(for: server) { Console.error(warning.in(language) + "\n") }
        let card = try await ClientSession.enrol(
            folder: device.url, server: server, code: code, passphrase: try device.passphrase(),
            member: memberID, trustRoot: rootKey, charter: URL(fileURLWithPath: charter))
        if json { return try printJSON(card) }
        card.enrolmentLines.forEach(say)
    }
}
