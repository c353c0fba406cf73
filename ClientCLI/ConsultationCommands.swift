import ArgumentParser
import HuisClosClient
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos consultations …`: consultations of the second circle or the public, their
/// contributions sealed to the consultation's key and read on members' devices.
struct ConsultationCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(
            commandName: "consultations", help: ConsultationHelp.group, subcommands: [Open.self, List.self, Show.self, Close.self, Contributions.self, Contribute.self, Tag.self])
    }

    struct Open: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "ouvrir", help: ConsultationHelp.Open.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("sujet"), help: .init(ConsultationHelp.Open.topic)) var topic: String
        @Option(name: .customLong("question"), help: .init(ConsultationHelp.Open.question)) var question: String
        @Option(name: .customLong("public"), help: .init(ConsultationHelp.Open.audience)) var audience: String
        @Option(name: .customLong("cloture"), help: .init(ConsultationHelp.Open.closing)) var closing: String
        @Option(name: [.customLong("heure-cloture"), .customLong("heure")], help: .init(ConsultationHelp.Open.time)) var time: String?
        @Option(name: .customLong("dossier"), help: .init(ConsultationHelp.Open.dossiers)) var dossiers: [String] = []
        @Argument(help: .init(ConsultationHelp.id)) var id: String

        func run(on session: CouncilSession) async throws {
            guard let audience = Consultation.Audience(rawValue: audience) else {
                throw UsageError("--public", audience, accepts: Text(fr: "second-cercle ou public", en: "second-cercle or public"))
            }
            let closesAt = Consultation.closingInstant(try parseDay(closing, option: "--cloture"), at: try time.map { try parseTime($0, option: "--heure-cloture") })
            let consultation = try await session.openConsultation(
                id, topic: topic, question: question, audience: audience, closesAt: closesAt, dossiers: dossiers)
            say(session.openedSentence(consultation))
        }
    }

    struct List: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: ConsultationHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws { try session.consultationListing(in: language).show(json: json) }
    }

    struct Show: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "voir", help: ConsultationHelp.Show.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(ConsultationHelp.id)) var id: String

        func run(on session: CouncilSession) async throws { say(try session.consultationDetails(id)) }
    }

    struct Close: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "clore", help: ConsultationHelp.Close.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(ConsultationHelp.id)) var id: String

        func run(on session: CouncilSession) async throws {
            try await session.closeConsultation(id)
            say(.consultationClosed(id))
        }
    }

    struct Contributions: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "contributions", help: ConsultationHelp.Contributions.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Argument(help: .init(ConsultationHelp.id)) var id: String

        func run(on session: CouncilSession) async throws {
            let (opened, unreadable) = try await session.contributions(id)
            if json { return try printJSON(opened) }
            show(.contributions(opened, unreadable: unreadable))
        }
    }

    struct Contribute: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "contribuer", help: ConsultationHelp.Contribute.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(ConsultationHelp.id)) var id: String
        @Argument(help: .init(ConsultationHelp.Contribute.text)) var text: String

        func run(on session: CouncilSession) async throws {
            try await session.contribute(text, to: id)
            say(.contributionSent)
        }
    }

    struct Tag: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "marquer", help: ConsultationHelp.Tag.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(ConsultationHelp.id)) var id: String
        @Argument(help: .init(ConsultationHelp.Tag.position)) var position: UInt64
        @Argument(help: .init(ConsultationHelp.Tag.tag)) var tag: String

        func run(on session: CouncilSession) async throws {
            guard let tag = Consultations.Tag(typed: tag) else {
                throw UsageError("marque", tag, accepts: Text(fr: "retenue ou écartée", en: "retenue or écartée"))
            }
            try await session.tagContribution(id, position: position, as: tag)
            say(.contributionTagged(position, tag))
        }
    }
}
