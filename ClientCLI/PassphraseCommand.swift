import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTerminal

/// `huisclos passphrase`: changes the passphrase of the device's replica.
struct PassphraseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "passphrase", abstract: "Change la phrase de passe / changes the passphrase.",
        discussion: """
            Exemple / example : huisclos passphrase --device ~/.huisclos
            Scripts : HUISCLOS_PASSPHRASE (actuelle/current) et HUISCLOS_NEW_PASSPHRASE (nouvelle/new).
            """, aliases: ["phrase-de-passe"])
    @OptionGroup var device: DeviceOptions

    func run() async throws {
        let old = try device.passphrase()
        let environment = ProcessInfo.processInfo.environment
        guard
            let new = environment["HUISCLOS_NEW_PASSPHRASE"]
                ?? Passphrase.read(
                    prompt: Text(fr: "Nouvelle phrase de passe : ", en: "New passphrase: ").in(language), environment: [:]), !new.isEmpty
        else {
            throw UsageError.passphraseMissing(variable: "HUISCLOS_NEW_PASSPHRASE")
        }
        let opened = try Device.unlock(folder: device.url, passphrase: old, toSync: true)
        try await opened.changePassphrase(from: old, to: new)
        try await opened.lock()
        say(.passphraseChanged)
    }
}
