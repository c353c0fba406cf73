import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTerminal

extension AdminCommands {
    /// `huisclos admin racine …`: the offline backup of the council's trust root and its
    /// restoration on a new secretariat device (SECURITY.md, "The trust root: backup and recovery").
    struct RootCommands: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "racine", help: AdminHelp.RootCommands.command, subcommands: [Export.self, Restore.self]) }

        /// The variable scripts set instead of typing the backup's passphrase.
        static let passphraseVariable = "HUISCLOS_ROOT_PASSPHRASE"

        /// The backup's passphrase: from `HUISCLOS_ROOT_PASSPHRASE`, else asked (twice when `confirm`).
        static func backupPassphrase(confirm: Bool) throws -> String {
            if let given = Passphrase.take(passphraseVariable) { return given }
            let prompt = Text(fr: "Phrase de passe de la sauvegarde de la racine : ", en: "Root backup passphrase: ")
            guard let given = Passphrase.ask(prompt: prompt.in(language)), !given.isEmpty else {
                throw UsageError.passphraseMissing(variable: passphraseVariable)
            }
            if confirm {
                let again = Passphrase.ask(prompt: Text(fr: "Confirmez-la : ", en: "Confirm it: ").in(language))
                guard again == given else {
                    throw UsageError(invalid: Text(fr: "les deux saisies diffèrent ; rien n'a été écrit", en: "the two entries differ; nothing was written"))
                }
            }
            return given
        }

        struct Export: AsyncParsableCommand {
            static var configuration: CommandConfiguration { .init(commandName: "exporter", help: AdminHelp.RootCommands.Export.command) }
            @OptionGroup var device: DeviceOptions
            @Option(name: .customLong("sortie"), help: .init(AdminHelp.RootCommands.Export.output)) var output: String
            @Flag(
                name: .customLong("retirer"),
                help: .init(AdminHelp.RootCommands.Export.remove))
            var remove = false

            func run() async throws {
                let devicePassphrase = try device.existingDevicePassphrase()
                try await ClientSession.exportTrustRoot(
                    folder: device.url, devicePassphrase: devicePassphrase, backupPassphrase: try RootCommands.backupPassphrase(confirm: true),
                    to: output, remove: remove)
                show(.rootExported(to: output, removed: remove))
            }
        }

        struct Restore: AsyncParsableCommand {
            static var configuration: CommandConfiguration { .init(commandName: "restaurer", help: AdminHelp.RootCommands.Restore.command) }
            @OptionGroup var device: DeviceOptions
            @Argument(help: .init(AdminHelp.RootCommands.Restore.file)) var file: String

            func run() async throws {
                let backup = try ClientSession.rootBackup(atPath: file)
                try await device.open().run { try await $0.restoreTrustRoot(from: backup, passphrase: try RootCommands.backupPassphrase(confirm: false)) }
                say(.rootRestored)
            }
        }
    }
}
