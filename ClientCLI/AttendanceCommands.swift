import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore

/// `huisclos presence …`: answers to convocations (offline), presence in the room, closure and quorum.
struct AttendanceCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(commandName: "presence", help: AttendanceHelp.group, subcommands: [Respond.self, Excuse.self, Mark.self, Close.self, Roll.self], aliases: ["présence"])
    }

    struct Respond: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "repondre", help: AttendanceHelp.Respond.command, aliases: ["répondre"]) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Option(name: .customLong("reponse"), help: .init(AttendanceHelp.Respond.response)) var response: String
        @Option(name: .customLong("procuration"), help: .init(AttendanceHelp.Respond.proxy)) var proxy: String?

        func run() async throws {
            let answer = try parseChoice(response, option: "--reponse", Seance.Response.typed)
            try await CouncilSession.with(device) { session in
                try session.answer(seance, answer, proxy: proxy)
                say(.answerRecorded)
            }
        }
    }

    struct Excuse: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "excuser", help: AttendanceHelp.Excuse.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Argument(help: .member) var member: [String]
        @Flag(help: .init(AttendanceHelp.Excuse.json)) var json = false

        func run(on session: CouncilSession) async throws {
            let replaced = try session.recordExcuses(member, at: seance)
            if json { return try printJSON(JSONValue.object(["seance": .string(seance), "excused": .array(member.map(JSONValue.string))])) }
            for id in member { say(.excuseRecorded(session.name(id), replacing: replaced[id])) }
        }
    }

    struct Mark: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "pointer", help: AttendanceHelp.Mark.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Argument(help: .member) var member: [String]
        @Flag(name: .customLong("retirer"), help: .init(AttendanceHelp.Mark.remove)) var remove = false
        @Flag(help: .init(AttendanceHelp.Mark.json)) var json = false

        func run(on session: CouncilSession) async throws {
            // Only the secretariat keeps attendance: CouncilWriteRules refuses anyone else.
            if remove {
                try session.unmarkPresent(member, at: seance)
                if json { return try printJSON(JSONValue.object(["seance": .string(seance), "withdrawn": .array(member.map(JSONValue.string))])) }
                return member.forEach { say(.presenceWithdrawn(session.name($0))) }
            }
            try session.markPresent(member, at: seance)
            if json { return try printJSON(JSONValue.object(["seance": .string(seance), "present": .array(member.map(JSONValue.string))])) }
            for id in member { say(.present(session.name(id))) }
        }
    }

    struct Close: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "clore", help: AttendanceHelp.Close.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Flag(name: .customLong("aucun-present"), help: .init(AttendanceHelp.Close.nobodyCame)) var nobodyCame = false
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let already = (try? session.council.seance(seance))?.attendanceClosed == true
            let quorum = try session.closeAttendance(of: seance, nobodyCame: nobodyCame)
            if json {
                return try printJSON(
                    QuorumJSON(
                        seance: seance, inOffice: quorum.inOffice, present: quorum.present,
                        required: quorum.required, reached: quorum.isReached))
            }
            say(.attendanceClosed(quorum, already: already))
        }
    }

    /// `presence clore --json`: the quorum with what it requires and whether it is reached.
    struct QuorumJSON: Encodable {
        let seance: String
        let inOffice: Int
        let present: Int
        let required: Int
        let reached: Bool
    }
}

extension AttendanceCommands {
    /// `huisclos presence liste S`: each first-circle member in office on the séance's date, their
    /// answer to the convocation and, once recorded, their attendance.
    struct Roll: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: AttendanceHelp.Roll.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try session.rollListing(of: seance, in: language).show(json: json)
        }
    }
}
