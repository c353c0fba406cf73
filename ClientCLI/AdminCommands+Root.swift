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
        static let configuration = CommandConfiguration(
            commandName: "racine",
            abstract: "Sauvegarde hors ligne de la racine de confiance / offline backup of the trust root.",
            discussion: """
                La racine de confiance signe ce que seule elle peut signer (appareils et nominations du secrétariat). \
                Exportez-la une fois, scellée sous sa propre phrase de passe, sur un support gardé hors ligne \
                (clé USB au coffre) ; si l'appareil qui la détient est perdu, enrôlez un nouvel appareil du même \
                membre du secrétariat et restaurez-la dessus.
                The trust root signs what only it may sign (secretariat devices and appointments). Export it once, \
                sealed under its own passphrase, to a medium kept offline; if the device holding it is lost, enrol a \
                new device of the same secretariat member and restore it there.

                Exemples / examples:
                  huisclos admin racine exporter --sortie /media/cle-usb/racine.hcroot
                  huisclos admin racine exporter --sortie /media/cle-usb/racine.hcroot --retirer
                  huisclos admin racine restaurer /media/cle-usb/racine.hcroot
                Les phrases de passe sont demandées sans écho, jamais sur la ligne de commande (scripts : \
                HUISCLOS_PASSPHRASE pour l'appareil, HUISCLOS_ROOT_PASSPHRASE pour la sauvegarde).
                Passphrases are asked without echo, never on the command line (scripts: HUISCLOS_PASSPHRASE for the \
                device, HUISCLOS_ROOT_PASSPHRASE for the backup).
                """,
            subcommands: [Export.self, Restore.self])

        /// The variable scripts set instead of typing the backup's passphrase.
        static let passphraseVariable = "HUISCLOS_ROOT_PASSPHRASE"

        /// The backup's passphrase: from `HUISCLOS_ROOT_PASSPHRASE`, else asked (twice when `confirm`).
        static func backupPassphrase(confirm: Bool) throws -> String {
            let environment = ProcessInfo.processInfo.environment
            let prompt = Text(fr: "Phrase de passe de la sauvegarde de la racine : ", en: "Root backup passphrase: ")
            guard let given = Passphrase.read(prompt: prompt.in(language), environment: environment, variable: passphraseVariable),
                  !given.isEmpty else {
                throw UsageError.passphraseMissing(variable: passphraseVariable)
            }
            if confirm, environment[passphraseVariable] == nil {
                let again = Passphrase.read(prompt: Text(fr: "Confirmez-la : ", en: "Confirm it: ").in(language), environment: [:])
                guard again == given else {
                    throw UsageError(invalid: Text(fr: "les deux saisies diffèrent ; rien n'a été écrit", en: "the two entries differ; nothing was written"))
                }
            }
            return given
        }

        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "exporter",
                abstract: "Écrit la racine scellée dans un nouveau fichier / writes the sealed root to a new file.")
            @OptionGroup var device: DeviceOptions
            @Option(name: .customLong("sortie"), help: "Nouveau fichier (jamais écrasé) / new file (never overwritten).") var output: String
            @Flag(name: .customLong("retirer"),
                  help: "Retire ensuite la racine de cet appareil, après avoir relu la sauvegarde / then removes the root from this device, after reading the backup back.")
            var remove = false

            func run() async throws {
                try await runReporting {
                    let devicePassphrase = try device.passphrase()
                    let passphrase = try RootCommands.backupPassphrase(confirm: true)
                    guard passphrase != devicePassphrase else {
                        throw UsageError(invalid: Text(fr: "choisissez pour la sauvegarde une autre phrase de passe que celle de l'appareil",
                                                       en: "choose another passphrase for the backup than the device's"))
                    }
                    try await ClientSession.open(folder: device.url, passphrase: devicePassphrase).run {
                        try await $0.exportTrustRoot(passphrase: passphrase, to: output, remove: remove)
                    }
                    say(Text(fr: "Racine de confiance exportée dans \(output), scellée sous sa phrase de passe.",
                             en: "Trust root exported to \(output), sealed under its passphrase."))
                    if remove {
                        say(Text(fr: "La racine a été retirée de cet appareil : restaurez-la (huisclos admin racine restaurer) pour certifier un appareil du secrétariat.",
                                 en: "The root was removed from this device: restore it (huisclos admin racine restaurer) to certify a secretariat device."))
                    }
                    Console.error(Text(
                        fr: "Attention : gardez ce fichier hors ligne (clé USB au coffre), jamais sur un appareil connecté ni dans une messagerie ; qui le détient avec sa phrase de passe contrôle le secrétariat du conseil.",
                        en: "Warning: keep this file offline (a USB key in a safe), never on a connected device or in a mailbox; whoever holds it with its passphrase controls the council's secretariat.").in(language) + "\n")
                }
            }
        }

        struct Restore: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "restaurer",
                abstract: "Restaure la racine sur cet appareil du secrétariat / restores the root onto this secretariat device.",
                discussion: """
                    Sur un appareil nouvellement enrôlé du membre du secrétariat : vérifie que la sauvegarde est celle de la \
                    racine épinglée, certifie cet appareil avec elle et la garde dans la réplique chiffrée. Révoquez ensuite \
                    l'appareil perdu (huisclos admin revoke --device-key …).
                    On a newly enrolled device of the secretariat member: checks the backup holds the pinned root, certifies \
                    this device with it and keeps it in the encrypted replica. Then revoke the lost device.
                    """)
            @OptionGroup var device: DeviceOptions
            @Argument(help: "Fichier de sauvegarde / backup file.") var file: String

            func run() async throws {
                try await runReporting {
                    let backup = try RootBackup(decoding: try RootCommands.read(file))
                    let opened = try device.unlock()
                    let passphrase = try RootCommands.backupPassphrase(confirm: false)
                    try await opened.restoreTrustRoot(from: backup, passphrase: passphrase)
                    try await opened.lock()
                    say(Text(fr: "Racine restaurée : cet appareil est certifié par elle et peut certifier les appareils du secrétariat. Révoquez l'appareil perdu.",
                             en: "Root restored: this device is certified by it and may certify secretariat devices. Revoke the lost device."))
                }
            }
        }

        /// A backup file's bytes (`ClientSession.readRootBackup`); a file that cannot be opened is a usage error.
        static func read(_ path: String) throws -> [UInt8] {
            guard let bytes = try ClientSession.readRootBackup(path) else {
                throw UsageError(invalid: Text(fr: "impossible de lire \(path)", en: "cannot read \(path)"))
            }
            return bytes
        }
    }
}
