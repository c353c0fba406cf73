import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// `huisclos enrol`: creates this device's keys here and registers their public half with a code.
struct EnrolCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "enrol", help: EnrolHelp.command, aliases: ["enroler", "enrôler"]) }
    @OptionGroup var device: DeviceOptions
    @Option(name: [.customLong("serveur"), .customLong("server")], help: .init(EnrolHelp.server)) var server: String
    @Option(help: .init(EnrolHelp.code)) var code: String
    @Option(name: [.customLong("racine"), .customLong("root")], help: .init(EnrolHelp.root)) var root: String
    @Option(name: [.customLong("membre"), .customLong("member")], help: .init(EnrolHelp.member)) var member: String
    @Option(name: [.customLong("charte"), .customLong("charter")], help: .init(EnrolHelp.charter)) var charter: String
    @Flag(help: .json) var json = false

    func run() async throws {
        let rootKey: SigningPublicKey
        if let bytes = Hex.decode(root), let key = try? SigningPublicKey(bytes: bytes) {
            rootKey = key
        } else if FileManager.default.fileExists(atPath: root) {
            rootKey = try ClientSession.rootBackup(atPath: root).rootKey
        } else {
            throw UsageError(
                "--racine", root,
                accepts: Text(
                    fr: "l'empreinte de la racine en 64 chiffres hexadécimaux, donnée par le secrétariat, ou le fichier de sauvegarde de la racine",
                    en: "the root's 64 hex digits, given by the secretariat, or the root's backup file"))
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
