import ArgumentParser
import HuisClosClient
import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosSync
import HuisClosProtocol
import HuisClosTerminal

/// `huisclos seances …`: convening, listing, reading a convocation, and its acknowledgements.
struct SeanceCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seances",
        abstract: "Séances du conseil / council séances.",
        discussion: """
            Exemples / examples:
              huisclos seances convoquer s1 --date 2026-03-12 --lieu "Bobigny, salle du conseil"
              huisclos seances liste
              huisclos seances voir s1          (accuse la lecture / acknowledges reading)
              huisclos seances accuses s1 --json
            """,
        subcommands: [Convene.self, List.self, Show.self, Acknowledgements.self])

    struct Convene: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "convoquer", abstract: "La présidence convoque une séance / the president convenes a séance.",
            discussion: "Exemple / example : huisclos seances convoquer s2 --date 2026-06-18 --lieu \"Bobigny, salle du conseil\"")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant de la séance / séance id (lettres, chiffres, - _ .).") var seance: String
        @Option(help: "Date (YYYY-MM-DD).") var date: String
        @Option(name: .customLong("lieu"), help: "Lieu / place.") var place: String

        func run() async throws {
            try await runCouncil {
                let day = try parseDay(date, option: "--date")
                try await CouncilSession.with(device) { session in
                    // The president convenes (the secretariat for them): CouncilWriteRules refuses anyone else.
                    try session.council.convene(seance: seance, date: day, place: place)
                    say(Text(fr: "Séance \(seance) convoquée le \(day.french) à \(place). Ajoutez l'ordre du jour (huisclos ordre-du-jour ajouter), puis huisclos sync.",
                             en: "Séance \(seance) convened on \(day.iso) at \(place). Add the agenda (huisclos ordre-du-jour ajouter), then huisclos sync."))
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Séances et leur état (accuse réception) / séances (acknowledges receipt).",
            discussion: """
                Exemple / example : huisclos seances liste --json
                Codes de sortie : 0 · 77 appareil sans accès aux séances (second cercle, invité, mandat terminé).
                """)
        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runCouncil {
                try await CouncilSession.with(device) { session in
                    // Without the council scope (second circle, guest, ended mandate) this device holds no séance:
                    // say so rather than show an empty table and the yearly-séance warning.
                    guard await session.hasCouncilAccess else {
                        let text = Text(fr: "Cet appareil n'a pas accès aux séances du conseil (portée council) : second cercle, invité ou mandat terminé.",
                                        en: "This device has no access to the council's séances (council scope): second circle, guest or ended mandate.")
                        Console.error(text.in(language) + "\n")
                        throw ExitCode(ExitStatus.notAllowed.rawValue)
                    }
                    let (seances, warning) = try session.seancesAcknowledgingReceipt()
                    if let warning { Console.error(warning.in(language) + "\n") }
                    try session.seanceListing(seances, in: language).show(json: json)
                    // The 12-month warning; with --json on standard error, so the output stays one JSON value.
                    if let warning = SeanceSchedule.warning(seances: seances, on: session.today) {
                        if json { Console.error(warning.in(language) + "\n") } else { say(warning) }
                    }
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "voir", abstract: "La convocation et son ordre du jour (accuse lecture) / the convocation (acknowledges reading).",
            discussion: """
                Exemple / example : huisclos seances voir s2 --json
                En JSON, chaque point porte aussi la séance, sa date (AAAA-MM-JJ) et son lieu. / In JSON each item also carries the séance, its date and place.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant de la séance / séance id.") var seance: String
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runCouncil {
                try await CouncilSession.with(device) { session in
                    let (value, warning) = try session.seanceAcknowledgingReading(seance)
                    if let warning { Console.error(warning.in(language) + "\n") }
                    if !json {
                        say(Text(fr: "Séance \(value.id) — \(value.date.french), \(value.place)", en: "Séance \(value.id) — \(value.date.iso), \(value.place)"))
                    }
                    try session.agendaListing(of: value, in: language).show(json: json)
                }
            }
        }
    }

    struct Acknowledgements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "accuses", abstract: "Qui a reçu et lu la convocation, quand (heure de l'appareil et arrivée au serveur) / who received and read it, when (device time and server arrival).",
            discussion: "Exemple / example : huisclos seances accuses s2 --json")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant de la séance / séance id.") var seance: String
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runCouncil {
                try await CouncilSession.with(device) { session in
                    try session.acknowledgementListing(of: seance, in: language).show(json: json)
                    if !json {
                        say(Text(fr: "Heures UTC. « appareil » : l'horloge de l'appareil qui a signé l'accusé ; « serveur » : l'arrivée de ce lot signé au serveur (qui fait foi pour l'heure, pas pour le contenu) ; « - » : aucun accusé sur cet appareil (pas encore reçue ou lue, ou accusé pas encore synchronisé : huisclos sync).",
                                 en: "Times in UTC. \"device\": the clock of the device that signed the acknowledgement; \"server\": when that signed batch reached the server (trusted for time, not for content); \"-\": no acknowledgement on this device (not received or read yet, or not synced yet: huisclos sync)."))
                    }
                }
            }
        }
    }
}
