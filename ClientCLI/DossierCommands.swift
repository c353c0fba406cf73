import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosL10n
import HuisClosProtocol
import HuisClosTerminal

/// `huisclos dossiers ajouter|liste|lire|chercher`: the council's dossiers, sealed on this device,
/// read offline from the encrypted replica and the relay's sealed copies.
struct DossierCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "dossiers", help: DossierHelp.group, subcommands: [Add.self, List.self, Read.self, Search.self]) }

    struct Add: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "ajouter", help: DossierHelp.Add.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: .init(DossierHelp.Add.scope)) var scope = "conseil"
        @Option(help: .init(DossierHelp.Add.id)) var id: String?
        @Option(name: .customLong("titre"), help: .init(DossierHelp.Add.title)) var title: String?
        @Option(name: .customLong("rattache-a"), help: .init(DossierHelp.Add.attachedTo)) var attachedTo = ""
        @Flag(help: .json) var json = false
        @Argument(help: .init(DossierHelp.Add.path)) var path: String

        func run() async throws {
            let scope = try parseScope(self.scope)
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
                    }
                }
            }
            bars.finish()
            if json { return try printJSON(version) }
            say(.dossierVersionAdded(version))
        }
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: DossierHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: .init(DossierHelp.scope)) var scope = "conseil"
        @Flag(help: .json) var json = false

        func run() async throws {
            let scope = try parseScope(self.scope)
            try await device.open().run { try $0.dossierListing(in: scope, language: language) }.show(json: json)
        }
    }

    struct Search: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "chercher", help: DossierHelp.Search.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Argument(help: .init(DossierHelp.Search.words)) var words: String

        func run() async throws {
            try await device.open().run { try await $0.searchListing(words, language: language) }.show(json: json)
        }
    }
}
