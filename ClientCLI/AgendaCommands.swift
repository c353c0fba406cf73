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

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ajouter", abstract: "Ajoute un point en fin d'ordre du jour / appends an item.",
            discussion: "Exemple / example : huisclos ordre-du-jour ajouter s2 budget --titre \"Budget du numérique\" --dossier dossier-budget")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du point / item id.") var item: String
        @Option(name: .customLong("titre"), help: "Titre / title.") var title: String
        @Option(help: "Dossier joint (répétable) / attached dossier (repeatable).") var dossier: [String] = []

        func run() async throws {
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    for unknown in try await session.addAgendaItem(item, to: seance, title: title, dossiers: dossier) {
                        Console.error(Text(fr: "Attention : aucun dossier « \(unknown) » sur cet appareil pour l'instant. Le point le nomme quand même (un dossier s'ajoute souvent après l'ordre du jour) : vérifiez l'identifiant avec huisclos dossiers liste après huisclos sync.",
                                           en: "Warning: no dossier \"\(unknown)\" on this device yet. The item names it all the same (dossiers are often added after the agenda): check the id with huisclos dossiers liste after huisclos sync.").in(language) + "\n")
                    }
                    say(Text(fr: "Point « \(title) » ajouté à la séance \(seance).", en: "Item \"\(title)\" added to séance \(seance)."))
                }
            }
        }
    }

    struct Move: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "deplacer", abstract: "Déplace un point / moves an item.",
            discussion: "Exemple / example : huisclos ordre-du-jour deplacer s2 budget --rang 1")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du point / item id.") var item: String
        @Option(name: .customLong("rang"), help: "Nouveau rang, 1 = premier / new rank, 1 = first.") var rank: Int

        func run() async throws {
            try await runReporting {
                guard rank >= 1 else {
                    throw UsageError("--rang", "\(rank)", accepts: Text(fr: "1 (premier) ou plus", en: "1 (first) or more"))
                }
                try await CouncilSession.with(device) { session in
                    // A rank past the end places the item last: say where it really is.
                    let placed = try session.moveAgendaItem(item, of: seance, to: rank)
                    say(Text(fr: "Point \(item) placé au rang \(placed).", en: "Item \(item) moved to rank \(placed)."))
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retirer", abstract: "Retire un point / removes an item.",
            discussion: "Exemple / example : huisclos ordre-du-jour retirer s2 budget")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du point / item id.") var item: String

        func run() async throws {
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    try session.council.removeAgendaItem(seance: seance, item: item)
                    say(Text(fr: "Point \(item) retiré.", en: "Item \(item) removed."))
                }
            }
        }
    }
}
