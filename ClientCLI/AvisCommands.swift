import ArgumentParser
import HuisClosClient
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos avis creer|ecrire|voir`: avis drafts edited paragraph by paragraph; concurrent edits
/// of one paragraph are kept side by side and shown as a conflict.
struct AvisCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(commandName: "avis", help: AvisHelp.group, subcommands: [Create.self, Write.self, Show.self, Adopt.self, Publish.self, List.self])
    }

    struct Create: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "creer", help: AvisHelp.Create.command, aliases: ["créer"]) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("titre"), help: .init(AvisHelp.Create.title)) var title: String
        @Option(name: .customLong("nature"), help: .init(AvisHelp.Create.kind)) var kind = "avis"
        @Option(name: .customLong("saisine"), help: .init(AvisHelp.Create.referral)) var referral: String?
        @Option(name: .customLong("consultation"), help: .init(AvisHelp.Create.consultation)) var consultation: String?
        @Argument(help: .init(AvisHelp.Create.id)) var id: String

        func run() async throws {
            guard let kind = PublishedText.Kind(rawValue: kind) else {
                throw DossierError(
                    .invalidArgument,
                    Text(
                        fr: "--nature : avis, recommandation, programme ou synthese",
                        en: "--nature: avis, recommandation, programme or synthese"))
            }
            try await device.open().run { try $0.createAvisDraft(id, title: title, kind: kind, referral: referral, consultation: consultation) }
            say(.draftCreated(id))
        }
    }

    struct Write: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "ecrire", help: AvisHelp.Write.command, aliases: ["écrire"]) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("paragraphe"), help: .init(AvisHelp.Write.paragraph)) var paragraph: String
        @Argument(help: .init(AvisHelp.id)) var id: String
        @Argument(help: .init(AvisHelp.Write.text)) var text: String

        func run() async throws {
            try await device.open().run { try $0.writeAvisParagraph(text, paragraph: paragraph, of: id) }
            say(.paragraphWritten(paragraph))
        }
    }

    struct Show: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "voir", help: AvisHelp.Show.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Argument(help: .init(AvisHelp.id)) var id: String

        func run() async throws {
            let (title, listing) = try await device.open().run { try $0.avisDraftListing(id, in: language) }
            if !json { Console.out(title + "\n") }
            try listing.show(json: json)
        }
    }
}
