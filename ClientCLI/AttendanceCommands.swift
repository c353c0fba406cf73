import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n

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
        subcommands: [Respond.self, Mark.self, Close.self, Roll.self])

    struct Respond: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "repondre", abstract: "Répond à la convocation, même hors ligne / answers, even offline.",
            discussion: "Exemple / example : huisclos presence repondre s2 --reponse excuse")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Option(name: .customLong("reponse"), help: "viendra, excusé, absent (will attend, excused, absent).") var response: String
        @Option(name: .customLong("procuration"), help: "Refusé : les membres siègent en personne / refused: members sit in person.") var proxy: String?

        func run() async throws {
            try await runReporting {
                let answer = try parseChoice(response, option: "--reponse", Seance.Response.typed)
                try await CouncilSession.with(device) { session in
                    try session.answer(seance, answer, proxy: proxy)
                    say(Text(fr: "Réponse enregistrée sur cet appareil ; elle partira à la prochaine synchronisation (huisclos sync).",
                             en: "Answer recorded on this device; it leaves at the next sync (huisclos sync)."))
                }
            }
        }
    }

    struct Mark: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pointer", abstract: "Le secrétariat pointe un membre présent / the secretariat records a member present.",
            discussion: "Exemple / example : huisclos presence pointer s2 <id> <id>")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Argument(help: "Identifiant du membre / member id.") var member: [String]

        func run() async throws {
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    // Only the secretariat keeps attendance: CouncilWriteRules refuses anyone else.
                    try session.markPresent(member, at: seance)
                    for id in member { say(Text(fr: "Présent·e : \(session.name(id))", en: "Present: \(session.name(id))")) }
                }
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clore", abstract: "Le secrétariat clôt la présence et affiche le quorum / closes attendance, shows quorum.",
            discussion: "Exemple / example : huisclos presence clore s2 --json")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance.") var seance: String
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    let quorum = try session.closeAttendance(of: seance)
                    if json {
                        return try printJSON(QuorumJSON(seance: seance, inOffice: quorum.inOffice, present: quorum.present,
                                                        required: quorum.required, reached: quorum.isReached))
                    }
                    say(quorum.isReached
                        ? Text(fr: "Présence close : \(quorum.present) présent·es sur \(quorum.inOffice) en fonction — quorum atteint (\(quorum.required) requis).",
                               en: "Attendance closed: \(quorum.present) present of \(quorum.inOffice) in office — quorum reached (\(quorum.required) required).")
                        : Text(fr: "Présence close : \(quorum.present) présent·es sur \(quorum.inOffice) en fonction — quorum NON atteint (\(quorum.required) requis).",
                               en: "Attendance closed: \(quorum.present) present of \(quorum.inOffice) in office — quorum NOT reached (\(quorum.required) required)."))
                }
            }
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
