import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTerminal

/// `huisclos passphrase`: changes the passphrase of the device's replica.
struct PassphraseCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "passphrase", help: PassphraseHelp.command, aliases: ["phrase-de-passe"]) }
    @OptionGroup var device: DeviceOptions

    func run() async throws {
        let old = try device.existingDevicePassphrase()
        guard
            let new = Passphrase.read(
                prompt: Text(fr: "Nouvelle phrase de passe : ", en: "New passphrase: ").in(language), variable: "HUISCLOS_NEW_PASSPHRASE"),
            !new.isEmpty
        else {
            throw UsageError.passphraseMissing(variable: "HUISCLOS_NEW_PASSPHRASE")
        }
        try await ClientSession.changePassphrase(folder: device.url, from: old, to: new)
        say(.passphraseChanged)
    }
}
