import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTerminal

/// `huisclos seances …`: convening, listing, reading a convocation, and its acknowledgements.
struct SeanceCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seances",
        abstract: "Séances du conseil / council séances.",
        discussion: """
            Exemples / examples:
              huisclos seances convoquer s1 --date 2026-03-12 --heure 14:00 --fin 17:00 --lieu "Bobigny, salle du conseil"
              huisclos seances calendrier s1 --sortie s1.ics
              huisclos seances annuler s1
              huisclos seances delai 5
              huisclos seances liste
              huisclos seances voir s1          (accuse la lecture / acknowledges reading)
              huisclos seances accuses s1 --json
              huisclos seances horodater s1     (secrétariat / secretariat)
              huisclos seances preuve s1 --sortie preuve-s1.txt
            """,
        subcommands: [
            Convene.self, Cancel.self, CalendarFile.self, Notify.self, Delay.self, List.self, Show.self, Acknowledgements.self,
            Stamp.self, Proof.self,
        ], aliases: ["séances"])

    struct Convene: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convoquer", abstract: "La présidence convoque une séance / the president convenes a séance.",
            discussion: """
                Convoquer à nouveau la même séance en change la date, l'heure ou le lieu (l'invitation de calendrier est mise à jour).
                Le délai minimal de convocation (5 jours francs par défaut, huisclos seances delai) s'applique aux séances à venir : \
                plus tard, la convocation est refusée, sauf --urgence. Une date passée enregistre une séance déjà tenue.
                Convening the same séance again changes its date, time or place (the calendar invitation is updated). \
                The minimum delay (5 clear days by default) applies to coming séances: later, refused unless --urgence. \
                A past date records a séance already held.
                Exemple / example : huisclos seances convoquer s2 --date 2026-06-18 --heure 14h30 --fin 17h --lieu "Bobigny, salle du conseil"
                Codes de sortie : 0 · 64 option invalide · 65 convocation trop tardive, lieu vide, séance annulée ou tenue, réservé à la présidence et au secrétariat.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant de la séance / séance id (lettres, chiffres, - _ .).") var seance: String
        @Option(help: "Date (YYYY-MM-DD).") var date: String
        @Option(name: .customLong("heure"), help: "Heure de début, heure de Paris / start time, Paris time (14:30 ou 14h30).") var start: String?
        @Option(name: .customLong("fin"), help: "Heure de fin / end time (17:00 ou 17h).") var end: String?
        @Option(name: .customLong("lieu"), help: "Lieu / place.") var place: String
        @Flag(name: .customLong("urgence"), help: "Convoquer en urgence, en deçà du délai minimal / convene in urgency, within the minimum delay.") var urgent = false
        @Flag(help: .seanceJSON) var json = false

        func run() async throws {
            let day = try parseDay(date, option: "--date")
            let start = try start.map { try parseTime($0, option: "--heure") }
            let end = try end.map { try parseTime($0, option: "--fin") }
            try await CouncilSession.with(device) { session in
                // The president convenes (the secretariat for them): CouncilWriteRules refuses anyone else.
                let (outcome, change) = try await session.convene(seance, on: day, from: start, to: end, place: place, urgent: urgent)
                if json { return try printJSON(try session.seanceJSON(seance)) }
                show(.convened(try session.council.seance(seance), change, on: day, outcome))
            }
        }
    }

    struct Cancel: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "annuler", abstract: "La présidence annule une séance / the president cancels a séance.",
            discussion: """
                L'invitation de calendrier devient une annulation ; plus rien ne s'enregistre pour la séance. / The calendar invitation becomes a cancellation; nothing more is recorded for it.
                Exemple / example : huisclos seances annuler s2 && huisclos sync
                Codes de sortie : 0 · 65 séance inconnue, déjà annulée ou déjà tenue, réservé à la présidence et au secrétariat.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Flag(help: .seanceJSON) var json = false

        func run(on session: CouncilSession) async throws {
            try session.council.cancel(seance: seance)
            if json { return try printJSON(try session.seanceJSON(seance)) }
            say(.seanceCancelled(seance))
        }
    }

    struct CalendarFile: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "calendrier", abstract: "L'invitation iCalendar (.ics) de la séance / the séance's iCalendar invitation.",
            discussion: """
                Date, heure (Europe/Paris) et lieu seulement : ni ordre du jour ni dossier. Une séance modifiée ou annulée \
                donne une invitation qui remplace la précédente dans les agendas (même UID, SEQUENCE croissante).
                Date, time and place only: no agenda, no dossier. A changed or cancelled séance gives an invitation that \
                replaces the earlier one in calendars (same UID, higher SEQUENCE).
                Exemple / example : huisclos seances calendrier s2 --sortie s2.ics
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Option(name: .customLong("sortie"), help: "Nouveau fichier .ics (jamais écrasé) ; sinon la sortie standard / new .ics file (never overwritten); else standard output.")
        var output: String?

        func run(on session: CouncilSession) async throws {
            let ics = try await session.calendar(of: seance, language: language)
            if let output {
                try PlaintextFile.write(Data(ics.utf8), toPath: output)
                say(.invitationWritten(output))
            } else {
                Console.out(ics)
            }
        }
    }

    struct Delay: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "delai", abstract: "Le délai minimal de convocation, en jours francs / the minimum convocation delay, in clear days.",
            discussion: """
                Sans argument, affiche le délai ; avec un nombre, l'enregistre (présidence ou secrétariat). / Without argument, shows it; with a number, records it.
                Exemple / example : huisclos seances delai 5
                """, aliases: ["délai"])
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Jours francs (0 à 60) / clear days (0 to 60).") var days: Int?
        @Flag(help: "Sortie JSON : clearDays, recorded / JSON output.") var json = false

        func run(on session: CouncilSession) async throws {
            if let days { try session.council.setConvocationDelay(ConvocationDelay(clearDays: days)) }
            let delay = try session.council.convocationDelay()
            if json { return try printJSON(JSONValue.object(["clearDays": .int(delay.clearDays), "recorded": .bool(days != nil)])) }
            say(.convocationDelay(delay, recorded: days != nil))
        }
    }

    struct List: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Séances et leur état (accuse réception) / séances (acknowledges receipt).",
            discussion: """
                Exemple / example : huisclos seances liste --json
                Codes de sortie : 0 · 77 appareil sans accès aux séances (second cercle, invité, mandat terminé).
                """)
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            // Without the council scope (second circle, guest, ended mandate) this device holds no séance:
            // say so rather than show an empty table and the yearly-séance warning.
            try await session.requireCouncilAccess()
            let (seances, warning) = try session.seancesAcknowledgingReceipt()
            if let warning { warn(warning) }
            try session.seanceListing(seances, in: language).show(json: json)
            // The 12-month warning; with --json on standard error, so the output stays one JSON value.
            if let warning = SeanceSchedule.warning(seances: seances, on: session.today) {
                json ? warn(warning) : say(warning)
            }
        }
    }

    struct Show: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "voir", abstract: "La convocation et son ordre du jour (accuse lecture) / the convocation (acknowledges reading).",
            discussion: """
                Exemple / example : huisclos seances voir s2 --json
                En JSON, chaque point porte aussi la séance, sa date (AAAA-MM-JJ) et son lieu. / In JSON each item also carries the séance, its date and place.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let (value, warning) = try session.seanceAcknowledgingReading(seance)
            if let warning { warn(warning) }
            if !json { show(.convocation(of: value)) }
            try session.agendaListing(of: value, in: language).show(json: json)
        }
    }

    struct Acknowledgements: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "accuses",
            abstract:
                "Qui a reçu et lu la convocation, quand (appareil, serveur, autorité d'horodatage) / who received and read it, when (device, server, time-stamping authority).",
            discussion: "Exemple / example : huisclos seances accuses s2 --json", aliases: ["accusés"])
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let (listing, convocation) = try await session.acknowledgementListing(of: seance, in: language)
            try listing.show(json: json)
            if !json {
                convocation.forEach(say)
                say(.acknowledgementTimes)
            }
        }
    }

    struct Stamp: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "horodater",
            abstract: "Horodate la convocation et ses accusés auprès de l'autorité RFC 3161 (secrétariat) / time-stamps the convocation and its acknowledgements (secretariat).",
            discussion: """
                Demande un jeton pour chaque état non encore horodaté : la convocation (chaque révision), chaque accusé de réception                 et de lecture synchronisé. Relancez après chaque modification et après chaque synchronisation qui apporte des accusés.
                Asks a token for each state not yet stamped: the convocation (each revision), each synced receipt and reading.                 Run again after each change and after each sync that brings acknowledgements.
                Exemple / example : huisclos sync && huisclos seances horodater s2 && huisclos sync
                Codes de sortie : 0 · 64 aucune autorité configurée · 65 jeton refusé, réservé au secrétariat · 69 autorité injoignable.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant de la séance / séance id.") var seance: String

        func run(on session: CouncilSession) async throws {
            let (stamped, already) = try await session.timestamp(seance: seance)
            for statement in stamped {
                say(Text(fr: "Horodaté : \(statement.subject)", en: "Time-stamped: \(statement.subject)"))
            }
            say(
                Text(
                    fr: "\(stamped.count) horodatage(s) obtenu(s) et vérifié(s), \(already) déjà présent(s). Synchronisez (huisclos sync) pour les partager.",
                    en: "\(stamped.count) time-stamp(s) obtained and verified, \(already) already there. Sync (huisclos sync) to share them."))
        }
    }

    struct Proof: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "preuve", abstract: "Exporte la preuve horodatée de la convocation / exports the convocation's time-stamped proof.",
            discussion: """
                Le fichier contient chaque texte horodaté, le verdict de cet appareil d'après ses registres, son jeton RFC 3161 et la racine de l'autorité : un tiers vérifie les jetons avec                 OpenSSL seul (bash scripts/check-proof.sh FICHIER : OK seulement si l'appareil a aussi vérifié ; voir README). Il contient les identifiants des membres et                 appareils, la date et le lieu : il quitte le stockage chiffré.
                The file holds each time-stamped text, this device's verdict from its records, its RFC 3161 token and the authority's root: a third party checks the tokens with                 OpenSSL alone (OK only where the device verified too). It holds member and device ids, date and place: it leaves encrypted storage.
                Exemple / example : huisclos seances preuve s2 --sortie preuve-s2.txt
                Codes de sortie : 0 · 64 aucun horodatage · 74 fichier existant ou non écrit.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant de la séance / séance id.") var seance: String
        @Option(name: .customLong("sortie"), help: "Nouveau fichier (jamais écrasé) / new file (never overwritten).") var output: String

        func run(on session: CouncilSession) async throws {
            let proof = try await session.proofFile(of: seance)
            try PlaintextFile.write(Data(proof.utf8), toPath: output)
            say(
                Text(
                    fr: "Preuve écrite dans \(output) (en clair : gardez-la en lieu sûr). Vérification : bash scripts/check-proof.sh \(output)",
                    en: "Proof written to \(output) (plaintext: keep it safe). Check: bash scripts/check-proof.sh \(output)"))
        }
    }
}
