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
struct Seances: AsyncParsableCommand {
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
            try await runReporting {
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
            try await runReporting {
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
                    var listing = Listing(headers: [Text.header("Séance", "Séance"), "Date", Text.header("Lieu", "Place"), Text.header("Points", "Items"),
                                                    Text.header("Présence", "Attendance"), "Quorum"],
                                          keys: ["id", "date", "place", "items", "attendance", "quorum"])
                    for seance in seances {
                        let quorum = session.quorum(of: seance)
                        let closed = seance.attendanceClosed
                        listing.append([seance.id, seance.date.iso, seance.place, "\(seance.agenda.count)",
                                        Text(fr: closed ? "close" : "ouverte", en: closed ? "closed" : "open").in(language),
                                        closed ? "\(quorum.present)/\(quorum.inOffice) " + (quorum.isReached ? "✓" : "✗") : nil],
                                       json: ["items": .int(seance.agenda.count), "attendance": .string(closed ? "closed" : "open"),
                                              "quorum": closed ? .object(["present": .int(quorum.present), "inOffice": .int(quorum.inOffice),
                                                                          "reached": .bool(quorum.isReached)]) : .null])
                    }
                    try listing.show(json: json)
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
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    let (value, warning) = try session.seanceAcknowledgingReading(seance)
                    if let warning { Console.error(warning.in(language) + "\n") }
                    if !json {
                        say(Text(fr: "Séance \(value.id) — \(value.date.french), \(value.place)", en: "Séance \(value.id) — \(value.date.iso), \(value.place)"))
                    }
                    var listing = Listing(headers: ["#", Text.header("Point", "Item"), Text.header("Titre", "Title"), Text.header("Dossiers", "Dossiers")],
                                          keys: ["rank", "item", "title", "dossiers"])
                    for (index, item) in value.agenda.enumerated() {
                        listing.append(["\(index + 1)", item.id, item.title, item.dossierIDs.joined(separator: ", ")],
                                       json: ["rank": .int(index + 1), "dossiers": .string(item.dossierIDs.joined(separator: ",")),
                                              "seance": .string(value.id), "date": .string(value.date.iso), "place": .string(value.place)])
                    }
                    try listing.show(json: json)
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
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    _ = try session.council.seance(seance)
                    let acknowledgements = try session.council.acknowledgements(of: seance)
                    var listing = Listing(headers: [Text.header("Membre", "Member"), Text.header("Appareil", "Device"),
                                                    Text.header("Reçue (appareil)", "Received (device)"), Text.header("Reçue (serveur)", "Received (server)"),
                                                    Text.header("Lue (appareil)", "Read (device)"), Text.header("Lue (serveur)", "Read (server)")],
                                          keys: ["member", "device", "received", "received_server", "read", "read_server"])
                    let members = session.register.register.firstCircle(on: session.today)
                    for member in members {
                        let own = acknowledgements.filter { $0.member == member.id }
                        // No acknowledgement from any device: "non reçue" in the table, null in JSON.
                        if own.isEmpty { listing.append([member.name, nil, Text.header("non reçue", "not received"), nil, nil, nil], json: ["received": .null]) }
                        for ack in own {
                            listing.append([member.name, String(ack.device.prefix(16)), ack.receivedMs.map(Self.time),
                                            ack.receivedServerMs.map(Self.time), ack.readMs.map(Self.time), ack.readServerMs.map(Self.time)])
                        }
                    }
                    try listing.show(json: json)
                    if !json {
                        say(Text(fr: "Heures UTC. « appareil » : l'horloge de l'appareil qui a signé l'accusé ; « serveur » : l'arrivée de ce lot signé au serveur (qui fait foi pour l'heure, pas pour le contenu) ; « - » : aucun accusé sur cet appareil (pas encore reçue ou lue, ou accusé pas encore synchronisé : huisclos sync).",
                                 en: "Times in UTC. \"device\": the clock of the device that signed the acknowledgement; \"server\": when that signed batch reached the server (trusted for time, not for content); \"-\": no acknowledgement on this device (not received or read yet, or not synced yet: huisclos sync)."))
                    }
                }
            }
        }

        static func time(_ ms: Int64) -> String {
            let formatter = ISO8601DateFormatter()
            return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
        }
    }
}
