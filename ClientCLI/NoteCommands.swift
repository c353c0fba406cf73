import ArgumentParser
import HuisClosClient
import HuisClosProtocol

/// `huisclos notes ajouter|liste`: private notes (the member's own scope, which not even the
/// secretariat can read) or notes shared with a working group, on a dossier version.
struct NoteCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "notes", help: NoteHelp.group, subcommands: [Add.self, List.self]) }

    struct Add: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "ajouter", help: NoteHelp.Add.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: .init(NoteHelp.scope)) var scope = "conseil"
        @Option(help: .init(NoteHelp.Add.version)) var version: Int?
        @Option(name: .customLong("ou"), help: .init(NoteHelp.Add.location)) var location = ""
        @Option(name: .customLong("partage"), help: .init(NoteHelp.Add.share)) var share: String?
        @Argument(help: .init(NoteHelp.dossier)) var dossier: String
        @Argument(help: .init(NoteHelp.Add.text)) var text: String

        func run() async throws {
            let scope = try parseScope(scope), group = try share.map(parseScope)
            let (id, target) = try await device.open().run {
                try $0.annotate(dossier, in: scope, version: version, at: location, text: text, sharedWith: group)
            }
            say(.noteAdded(id, in: target.rawValue))
        }
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: NoteHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: .init(NoteHelp.scope)) var scope = "conseil"
        @Flag(help: .json) var json = false
        @Argument(help: .init(NoteHelp.dossier)) var dossier: String

        func run() async throws {
            let scope = try parseScope(scope)
            try await device.open().run { try await $0.noteListing(on: dossier, in: scope, language: language) }.show(json: json)
        }
    }
}
