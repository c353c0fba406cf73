import ArgumentParser
import HuisClosClient
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTerminal

/// `huisclos ordre-du-jour …`: the agenda of a séance, edited offline by the president and the secretariat.
struct AgendaCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "ordre-du-jour", help: AgendaHelp.group, subcommands: [Add.self, Move.self, Remove.self]) }

    struct Add: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "ajouter", help: AgendaHelp.Add.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Argument(help: .init(AgendaHelp.item)) var item: String
        @Option(name: .customLong("titre"), help: .init(AgendaHelp.Add.title)) var title: String
        @Option(help: .init(AgendaHelp.Add.dossier)) var dossier: [String] = []
        @Flag(help: .seanceJSON) var json = false

        func run(on session: CouncilSession) async throws {
            let added = [ReportLine].agendaItemAdded(
                title, to: seance, unknownDossiers: try await session.addAgendaItem(item, to: seance, title: title, dossiers: dossier))
            // With --json the warnings (a dossier this device does not hold) stay on standard error.
            if json {
                show(added.filter { if case .info = $0 { false } else { true } })
                return try printJSON(try session.seanceJSON(seance))
            }
            show(added)
        }
    }

    struct Move: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "deplacer", help: AgendaHelp.Move.command, aliases: ["déplacer"]) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Argument(help: .init(AgendaHelp.item)) var item: String
        @Option(name: .customLong("rang"), help: .init(AgendaHelp.Move.rank)) var rank: Int
        @Flag(help: .seanceJSON) var json = false

        func run() async throws {
            guard rank >= 1 else {
                throw UsageError("--rang", "\(rank)", accepts: Text(fr: "1 (premier) ou plus", en: "1 (first) or more"))
            }
            try await CouncilSession.with(device) { session in
                // A rank past the end places the item last: say where it really is.
                let placed = try session.moveAgendaItem(item, of: seance, to: rank)
                if json { return try printJSON(try session.seanceJSON(seance)) }
                say(.agendaItemMoved(item, to: placed))
            }
        }
    }

    struct Remove: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "retirer", help: AgendaHelp.Remove.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Argument(help: .init(AgendaHelp.item)) var item: String
        @Flag(help: .seanceJSON) var json = false

        func run(on session: CouncilSession) async throws {
            try session.council.removeAgendaItem(seance: seance, item: item)
            if json { return try printJSON(try session.seanceJSON(seance)) }
            say(.agendaItemRemoved(item))
        }
    }
}
