import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosL10n
import HuisClosProtocol
import HuisClosTerminal

/// `huisclos dossiers ajouter|liste|lire|chercher`: the council's dossiers, sealed on this device,
/// read offline from the encrypted replica and the relay's sealed copies.
struct DossierCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossiers", abstract: "Dossiers du conseil et des groupes / council and group dossiers.",
        discussion: """
            Le fichier est chiffré sur l'appareil avant l'envoi ; sa clé ne voyage que dans les lots chiffrés de la portée. \
            La synchronisation garde une copie chiffrée de chaque version lisible dans l'appareil : lecture et recherche hors ligne. \
            Un envoi coupé reprend au prochain « ajouter » ou « sync », sans renvoyer les morceaux déjà reçus.
            The file is sealed on this device before upload; its key travels only in the scope's sealed batches. \
            Sync keeps a sealed copy of every readable version in the device: reading and search work offline. \
            A cut upload resumes at the next "ajouter" or "sync", without sending stored chunks again.

            Exemples / examples:
              huisclos dossiers ajouter --portee council --titre "Budget 2027" budget.pdf
              huisclos dossiers ajouter --portee council --id budget-2027 budget-v2.pdf
              huisclos dossiers liste --json
              huisclos dossiers lire budget-2027 --version 1 --sortie budget.pdf
              huisclos dossiers chercher "mobilité douce"
            """,
        subcommands: [Add.self, List.self, Read.self, Search.self])

    /// The scope named on the command line (`council`, `group:<nom>`, `hearing:<id>`).
    static func scope(_ name: String) throws -> ScopeID {
        do { return try ScopeID(name) } catch {
            throw UsageError(
                invalid: Text(
                    fr: "portée invalide « \(name) » : council, group:<nom> ou hearing:<id>",
                    en: "invalid scope '\(name)': council, group:<name> or hearing:<id>"))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ajouter", abstract: "Ajoute un dossier ou une nouvelle version / adds a dossier or a new version.")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée / scope: council, group:<nom>.") var scope = "council"
        @Option(help: "Identifiant du dossier (nouvelle version s'il existe) / dossier id (new version if it exists).") var id: String?
        @Option(name: .customLong("titre"), help: "Titre / title (par défaut le nom du fichier / default the file name).") var title: String?
        @Option(name: .customLong("rattache-a"), help: "Séance ou avis de rattachement / attached séance or avis.") var attachedTo = ""
        @Flag(help: .json) var json = false
        @Argument(help: "Fichier / file.") var path: String

        func run() async throws {
            let scope = try DossierCommands.scope(self.scope)
            let bars = ProgressBars(quiet: json)
            let version = try await device.open().run { session in
                try await session.addDossierVersion(
                    file: URL(fileURLWithPath: path), scope: scope, id: id, title: title,
                    attachedTo: attachedTo
                ) { event in
                    switch event {
                    case .resuming(let done, let total): bars.update(Text(fr: "Reprise de l'envoi", en: "Resuming upload"), done, total)
                    case .uploading(let done, let total): bars.update(Text(fr: "Envoi", en: "Upload"), done, total)
                    case .abandoned(let reason):
                        warn(.uploadAbandoned(reason))
                    case .interrupted:
                        bars.finish()
                        warn(.uploadInterrupted)
                    }
                }
            }
            bars.finish()
            if json { return try printJSON(version) }
            say(.dossierVersionAdded(version))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Liste les dossiers et leurs versions / lists dossiers and their versions.",
            discussion: """
                Une version marquée « nouveau » n'a pas encore été lue sur cet appareil ; « hors ligne : oui », son contenu y est déjà. \
                / 'new' marks a version not yet read on this device; 'offline: yes', its content is already on it.
                """)
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée / scope.") var scope = "council"
        @Flag(help: .json) var json = false

        func run() async throws {
            let scope = try DossierCommands.scope(self.scope)
            try await device.open().run { try $0.dossierListing(in: scope, language: language) }.show(json: json)
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chercher", abstract: "Recherche plein texte dans l'appareil / full-text search on this device.",
            discussion: """
                Cherche, hors ligne, dans toutes les versions texte que cet appareil peut lire (leur contenu arrive à la synchronisation). \
                / Searches, offline, every text version this device can read (their content arrives at sync).
                """)
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Argument(help: "Mots / words.") var words: String

        func run() async throws {
            try await device.open().run { try await $0.searchListing(words, language: language) }.show(json: json)
        }
    }
}
