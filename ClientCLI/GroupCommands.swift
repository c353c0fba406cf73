import ArgumentParser
import HuisClosClient

/// `huisclos groupes creer|liste`: working groups created by the president; their dossiers reach
/// only their members (`huisclos dossiers ajouter --portee group:<nom>`).
struct GroupCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "groupes", help: GroupHelp.group, subcommands: [Create.self, List.self]) }

    struct Create: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "creer", help: GroupHelp.Create.command, aliases: ["créer"]) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("membres"), parsing: .upToNextOption, help: .init(GroupHelp.Create.members)) var members: [String] = []
        @Option(name: .customLong("supplementaires"), parsing: .upToNextOption, help: .init(GroupHelp.Create.supplementary))
        var supplementary: [String] = []
        @Argument(help: .init(GroupHelp.Create.name)) var name: String

        func run() async throws {
            let members = try parseMembers(self.members, option: "--membres")
            let supplementary = try parseMembers(self.supplementary, option: "--supplementaires")
            try await CouncilSession.with(device) { session in
                try await session.createWorkingGroup(name, members: members, supplementary: supplementary)
            }
            say(.groupCreated(name, members: members.count, supplementary: supplementary.count))
        }
    }

    struct List: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: GroupHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try await session.client.workingGroupListing(in: language, name: session.name).show(json: json)
        }
    }
}
