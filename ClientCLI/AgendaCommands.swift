import ArgumentParser
import HuisClosClient
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTerminal

/// `huisclos ordre-du-jour …`: the agenda of a séance, edited offline by the president and the secretariat.
struct AgendaCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ordre-du-jour",
        abstract: "Ordre du jour d'une séance / a séance's agenda.",
        discussion: """
            Exemples / examples:
              huisclos ordre-du-jour ajouter s1 budget --titre "Budget du numérique" --dossier dossier-budget-2026
              huisclos ordre-du-jour deplacer s1 budget --rang 1
              huisclos ordre-du-jour retirer s1 budget
            Les modifications faites hors ligne par la présidence et le secrétariat convergent au même ordre.
            """,
        subcommands: [Add.self, Move.self, Remove.self])

    struct Add: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "ajouter", abstract: "Ajoute un point en fin d'ordre du jour / appends an item.",
            discussion: "Exemple / example : huisclos ordre-du-jour ajouter s2 budget --titre \"Budget du numérique\" --dossier dossier-budget")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du point / item id.") var item: String
        @Option(name: .customLong("titre"), help: "Titre / title.") var title: String
        @Option(help: "Dossier joint (répétable) / attached dossier (repeatable).") var dossier: [String] = []
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
        static let configuration = CommandConfiguration(
            commandName: "deplacer", abstract: "Déplace un point / moves an item.",
            discussion: "Exemple / example : huisclos ordre-du-jour deplacer s2 budget --rang 1", aliases: ["déplacer"])
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du point / item id.") var item: String
        @Option(name: .customLong("rang"), help: "Nouveau rang, 1 = premier / new rank, 1 = first.") var rank: Int
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
        static let configuration = CommandConfiguration(
            commandName: "retirer", abstract: "Retire un point / removes an item.",
            discussion: "Exemple / example : huisclos ordre-du-jour retirer s2 budget")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du point / item id.") var item: String
        @Flag(help: .seanceJSON) var json = false

        func run(on session: CouncilSession) async throws {
            try session.council.removeAgendaItem(seance: seance, item: item)
            if json { return try printJSON(try session.seanceJSON(seance)) }
            say(.agendaItemRemoved(item))
        }
    }
}
