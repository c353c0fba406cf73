import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore

/// `huisclos presence …`: answers to convocations (offline), presence in the room, closure and quorum.
struct AttendanceCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presence",
        abstract: "Réponses, présences et quorum / answers, attendance and quorum.",
        discussion: """
            Exemples / examples:
              huisclos presence repondre s1 --reponse viendra      (viendra, excuse, absent)
              huisclos presence pointer s1 <id membre>              (secrétariat / secretariat)
              huisclos presence clore s1                            (secrétariat : affiche le quorum)
              huisclos presence liste s1 --json                     (réponses et présences / answers and attendance)
            Les procurations n'existent pas : --procuration est refusé en citant la règle.
            """,
        subcommands: [Respond.self, Mark.self, Close.self, Roll.self], aliases: ["présence"])

    struct Respond: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "repondre", abstract: "Répond à la convocation, même hors ligne / answers, even offline.",
            discussion: "Exemple / example : huisclos presence repondre s2 --reponse excuse", aliases: ["répondre"])
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Option(name: .customLong("reponse"), help: "viendra, excusé, absent (will attend, excused, absent).") var response: String
        @Option(name: .customLong("procuration"), help: "Refusé : les membres siègent en personne / refused: members sit in person.") var proxy: String?

        func run() async throws {
            let answer = try parseChoice(response, option: "--reponse", Seance.Response.typed)
            try await CouncilSession.with(device) { session in
                try session.answer(seance, answer, proxy: proxy)
                say(.answerRecorded)
            }
        }
    }

    struct Mark: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "pointer", abstract: "Le secrétariat pointe un membre présent / the secretariat records a member present.",
            discussion: "Exemple / example : huisclos presence pointer s2 <id> <id>")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du membre / member id.") var member: [String]
        @Flag(help: "Sortie JSON : seance, present (identifiants) / JSON output.") var json = false

        func run(on session: CouncilSession) async throws {
            // Only the secretariat keeps attendance: CouncilWriteRules refuses anyone else.
            try session.markPresent(member, at: seance)
            if json { return try printJSON(JSONValue.object(["seance": .string(seance), "present": .array(member.map(JSONValue.string))])) }
            for id in member { say(.present(session.name(id))) }
        }
    }

    struct Close: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "clore", abstract: "Le secrétariat clôt la présence et affiche le quorum / closes attendance, shows quorum.",
            discussion: "Exemple / example : huisclos presence clore s2 --json")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let quorum = try session.closeAttendance(of: seance)
            if json {
                return try printJSON(
                    QuorumJSON(
                        seance: seance, inOffice: quorum.inOffice, present: quorum.present,
                        required: quorum.required, reached: quorum.isReached))
            }
            say(.attendanceClosed(quorum))
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
        static let configuration = CommandConfiguration(
            commandName: "liste",
            abstract: "Réponses et présences d'une séance / a séance's answers and attendance.",
            discussion: """
                Exemple / example:
                  huisclos presence liste s1 --json
                Réponse / answer: willAttend, excused, absent, none (pas de réponse / no answer).
                Présence / attendance: present, excused, absent (une fois close / once closed), sinon present ou null.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try session.rollListing(of: seance, in: language).show(json: json)
        }
    }
}
