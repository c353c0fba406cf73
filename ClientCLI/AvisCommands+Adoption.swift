import ArgumentParser
import HuisClosClient

/// `huisclos avis adopter|publier|liste`: a draft adopted at a held séance with its vote count,
/// then published in the public scope (served at <serveur>/public/ as HTML, JSON and CSV).
extension AvisCommands {
    struct Adopt: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "adopter", help: AvisHelp.Adopt.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("seance"), help: .init(AvisHelp.Adopt.seance)) var seance: String
        @Option(name: .customLong("presents"), help: .init(AvisHelp.Adopt.present)) var present: Int?
        @Option(name: .customLong("votants"), help: .init(AvisHelp.Adopt.voting)) var voting: Int
        @Option(name: .customLong("pour"), help: .init(CommonHelp.inFavour)) var inFavour: Int
        @Option(name: .customLong("contre"), help: .init(CommonHelp.against)) var against: Int
        @Option(name: .customLong("abstentions"), help: .init(CommonHelp.abstaining)) var abstaining: Int
        @Argument(help: .init(AvisHelp.id)) var id: String

        func run(on session: CouncilSession) async throws {
            try await session.adoptAvis(id, at: seance, present: present, voting: voting, inFavour: inFavour, against: against, abstaining: abstaining)
            say(.avisAdopted(id, at: seance, inFavour: inFavour, against: against, abstaining: abstaining))
        }
    }

    struct Publish: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "publier", help: AvisHelp.Publish.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(AvisHelp.Publish.id)) var id: String

        func run(on session: CouncilSession) async throws {
            let address = try await session.publishAvis(id)
            say(.avisPublished(id, at: address))
        }
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: AvisHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run() async throws {
            try await device.open().run { try $0.avisListing(in: language) }.show(json: json)
        }
    }
}
