import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos pv …`: a séance's procès-verbal, drafted from its records, edited paragraph by
/// paragraph, approved at a later séance, signed by the president's device, time-stamped, exported.
struct MinutesCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(commandName: "pv", help: MinutesHelp.group, subcommands: [Draft.self, Show.self, Write.self, Approve.self, Sign.self, Stamp.self, Export.self, Publish.self])
    }

    struct Draft: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "brouillon", help: MinutesHelp.Draft.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String

        func run(on session: CouncilSession) async throws {
            say(.minutesDrafted(seance, paragraphs: try session.draftMinutes(seance).count))
        }
    }

    struct Show: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "voir", help: MinutesHelp.Show.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String

        func run(on session: CouncilSession) async throws {
            say(try await session.minutesView(seance).display(name: session.name))
        }
    }

    struct Write: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "ecrire", help: MinutesHelp.Write.command, aliases: ["écrire"]) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Argument(help: .init(MinutesHelp.Write.number)) var number: Int
        @Argument(help: .init(MinutesHelp.Write.text)) var text: String

        func run(on session: CouncilSession) async throws {
            try session.writeMinutesParagraph(text, number: number, of: seance)
            say(.paragraphWritten("\(number)"))
        }
    }

    struct Approve: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "approuver", help: MinutesHelp.Approve.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(MinutesHelp.Approve.seance)) var seance: String
        @Option(name: .customLong("seance"), help: .init(MinutesHelp.Approve.approving)) var approving: String
        @Option(name: .customLong("pour"), help: .init(CommonHelp.inFavour)) var inFavour: Int
        @Option(name: .customLong("contre"), help: .init(CommonHelp.against)) var against: Int
        @Option(name: .customLong("abstentions"), help: .init(CommonHelp.abstaining)) var abstaining: Int

        func run(on session: CouncilSession) async throws {
            try await session.approveMinutes(seance, at: approving, inFavour: inFavour, against: against, abstaining: abstaining)
            say(.minutesApproved(seance, at: approving))
        }
    }

    struct Sign: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "signer", help: MinutesHelp.Sign.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String

        func run(on session: CouncilSession) async throws {
            say(.minutesSigned(seance, stamped: try await session.signMinutes(seance)))
        }
    }

    struct Stamp: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "horodater", help: MinutesHelp.Stamp.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String

        func run(on session: CouncilSession) async throws {
            try await session.stampMinutes(seance)
            say(.minutesStamped(seance))
        }
    }

    struct Publish: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "publier", help: MinutesHelp.Publish.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String

        func run(on session: CouncilSession) async throws {
            say(.minutesPublished(seance, at: try await session.publishMinutes(seance)))
        }
    }

    struct Export: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "exporter", help: MinutesHelp.Export.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Option(help: .init(MinutesHelp.Export.format)) var format: String
        @Option(name: .customLong("sortie"), help: .init(MinutesHelp.Export.output)) var output: String

        func run(on session: CouncilSession) async throws {
            guard let format = MinutesDocument.Format(rawValue: format) else {
                throw UsageError("--format", format, accepts: Text(fr: "html, md ou pdf", en: "html, md or pdf"))
            }
            let text = try await session.minutesDocument(seance).rendered(format)
            let bytes = format == .pdf ? try ChromiumPDF.print(text, environment: ProcessInfo.processInfo.environment) : Data(text.utf8)
            try PlaintextFile.write(bytes, toPath: output)
            say(.minutesExported(output))
        }
    }
}
