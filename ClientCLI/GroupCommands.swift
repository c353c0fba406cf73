import ArgumentParser
import HuisClosClient

/// `huisclos groupes creer|liste`: working groups created by the president; their dossiers reach
/// only their members (`huisclos dossiers ajouter --portee group:<nom>`).
struct GroupCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groupes", abstract: "Groupes de travail / working groups.",
        discussion: """
            La présidence crée un groupe avec ses membres et membres supplémentaires : le registre signé leur \
            ouvre la portée group:<nom> et une clé leur est remise, à eux seuls. Les dossiers du groupe s'ajoutent \
            avec --portee group:<nom> et ne sont remis à aucun autre appareil (le secrétariat compris).
            The president creates a group; only its members' devices receive its key and its dossiers.

            Exemples / examples:
              huisclos groupes creer mobilite --membres 9f1c… 4a2b… --supplementaires 77d0…
              huisclos dossiers ajouter --portee group:mobilite --titre "Étude mobilité" etude.pdf
              huisclos groupes liste --json
            Codes de sortie / exit codes: 0 · 64 usage · 69 serveur injoignable · 77 réservé à la présidence / president only.
            """,
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "creer", abstract: "Crée un groupe (présidence) / creates a group (president).", aliases: ["créer"])
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("membres"), parsing: .upToNextOption, help: "Membres (hex) / members (hex).") var members: [String] = []
        @Option(name: .customLong("supplementaires"), parsing: .upToNextOption, help: "Membres supplémentaires (hex) / supplementary members.")
        var supplementary: [String] = []
        @Argument(help: "Nom du groupe (minuscules, chiffres, - _ .) / group name.") var name: String

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
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les groupes / lists groups.")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try session.client.workingGroupListing(in: language, name: session.name).show(json: json)
        }
    }
}
