import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTerminal

/// `huisclos seances …`: convening, listing, reading a convocation, and its acknowledgements.
struct SeanceCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(
            commandName: "seances", help: SeanceHelp.group,
            subcommands: [Convene.self, Cancel.self, CalendarFile.self, Notify.self, Delay.self, List.self, Show.self, Acknowledgements.self, Stamp.self, Proof.self],
            aliases: ["séances"])
    }

    struct Convene: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "convoquer", help: SeanceHelp.Convene.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(SeanceHelp.Convene.seance)) var seance: String
        @Option(help: .init(SeanceHelp.Convene.date)) var date: String
        @Option(name: .customLong("heure"), help: .init(SeanceHelp.Convene.start)) var start: String?
        @Option(name: [.customLong("heure-fin"), .customLong("fin")], help: .init(SeanceHelp.Convene.end)) var end: String?
        @Option(name: .customLong("lieu"), help: .init(SeanceHelp.Convene.place)) var place: String
        @Flag(name: .customLong("urgence"), help: .init(SeanceHelp.Convene.urgent)) var urgent = false
        @Flag(help: .seanceJSON) var json = false

        func run() async throws {
            let day = try parseDay(date, option: "--date")
            let start = try start.map { try parseTime($0, option: "--heure") }
            let end = try end.map { try parseTime($0, option: "--heure-fin") }
            try await CouncilSession.with(device) { session in
                // The president convenes (the secretariat for them): CouncilWriteRules refuses anyone else.
                let (outcome, change) = try await session.convene(seance, on: day, from: start, to: end, place: place, urgent: urgent)
                if json { return try printJSON(try session.seanceJSON(seance)) }
                show(.convened(try session.council.seance(seance), change, on: day, outcome))
            }
        }
    }

    struct Cancel: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "annuler", help: SeanceHelp.Cancel.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Flag(help: .seanceJSON) var json = false

        func run(on session: CouncilSession) async throws {
            let cancelled = try session.council.cancel(seance: seance)
            if json { return try printJSON(try session.seanceJSON(seance)) }
            say(cancelled ? .seanceCancelled(seance) : .seanceAlreadyCancelled(seance))
        }
    }

    struct CalendarFile: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "calendrier", help: SeanceHelp.CalendarFile.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Option(name: .customLong("sortie"), help: .init(SeanceHelp.CalendarFile.output))
        var output: String?

        func run(on session: CouncilSession) async throws {
            let ics = try await session.calendar(of: seance, language: language)
            if let output {
                try PlaintextFile.write(Data(ics.utf8), toPath: output)
                say(.invitationWritten(output))
            } else {
                Console.outVerbatim(ics)
            }
        }
    }

    struct Delay: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "delai", help: SeanceHelp.Delay.command, aliases: ["délai"]) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(SeanceHelp.Delay.days)) var days: Int?
        @Flag(help: .init(SeanceHelp.Delay.json)) var json = false

        func run(on session: CouncilSession) async throws {
            if let days { try session.council.setConvocationDelay(ConvocationDelay(clearDays: days)) }
            let delay = try session.council.convocationDelay()
            if json { return try printJSON(JSONValue.object(["clearDays": .int(delay.clearDays), "recorded": .bool(days != nil)])) }
            say(.convocationDelay(delay, recorded: days != nil))
        }
    }

    struct List: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: SeanceHelp.List.command) }
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
            if let warning = await session.seanceScheduleWarning(seances) {
                json ? warn(warning) : say(warning)
            }
        }
    }

    struct Show: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "voir", help: SeanceHelp.Show.command) }
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
        static var configuration: CommandConfiguration { .init(commandName: "accuses", help: SeanceHelp.Acknowledgements.command, aliases: ["accusés"]) }
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
        static var configuration: CommandConfiguration { .init(commandName: "horodater", help: SeanceHelp.Stamp.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(SeanceHelp.seance)) var seance: String

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
        static var configuration: CommandConfiguration { .init(commandName: "preuve", help: SeanceHelp.Proof.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(SeanceHelp.seance)) var seance: String
        @Option(name: .customLong("sortie"), help: .init(SeanceHelp.Proof.output)) var output: String

        func run(on session: CouncilSession) async throws {
            let proof = try await session.proofFile(of: seance)
            try PlaintextFile.write(Data(proof.utf8), toPath: output)
            say(.proofWritten(output))
        }
    }
}
