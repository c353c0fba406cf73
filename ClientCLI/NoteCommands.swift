import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosTerminal
import HuisClosTrust

/// `huisclos notes ajouter|liste`: private notes (the member's own scope, which not even the
/// secretariat can read) or notes shared with a working group, on a dossier version.
struct NoteCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes", abstract: "Notes sur les dossiers / notes on dossiers.",
        discussion: """
            Une note est privée par défaut : seuls vos appareils en ont la clé. --partage group:<nom> la partage avec un groupe.
            A note is private by default: only your devices hold its key. --partage group:<name> shares it with a group.

            Exemples / examples:
              huisclos notes ajouter budget --ou "p. 4, § 2" "Chiffre à vérifier"
              huisclos notes ajouter budget --partage group:mobilite "À discuter"
              huisclos notes liste budget --json
            """,
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ajouter", abstract: "Ajoute une note / adds a note.")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée du dossier / the dossier's scope.") var scope = "council"
        @Option(help: "Version (par défaut la dernière / default the latest).") var version: Int?
        @Option(name: .customLong("ou"), help: "Emplacement / location (p. 4, § 2).") var location = ""
        @Option(name: .customLong("partage"), help: "Groupe destinataire / group to share with (group:<nom>).") var share: String?
        @Argument(help: "Dossier.") var dossier: String
        @Argument(help: "Texte de la note / note text.") var text: String

        func run() async throws {
            try await runReporting {
                let scope = try DossierCommands.scope(scope), group = try share.map(DossierCommands.scope)
                let (id, target) = try await device.open().run {
                    try $0.annotate(dossier, in: scope, version: version, at: location, text: text, sharedWith: group)
                }
                say(Text(fr: "Note \(id) ajoutée (\(target.rawValue)) ; elle part à la prochaine synchronisation.",
                         en: "Note \(id) added (\(target.rawValue)); it leaves at the next sync."))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Notes d'un dossier (privées et de vos groupes) / a dossier's notes (private and your groups').")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée du dossier / the dossier's scope.") var scope = "council"
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Argument(help: "Dossier.") var dossier: String

        func run() async throws {
            try await runReporting {
                let scope = try DossierCommands.scope(scope)
                try await device.open().run { try await $0.noteListing(on: dossier, in: scope, language: language) }.show(json: json)
            }
        }
    }
}
