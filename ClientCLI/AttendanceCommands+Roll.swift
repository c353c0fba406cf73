import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosL10n
import HuisClosTerminal

extension AttendanceCommands {
    /// `huisclos presence liste S`: each first-circle member in office on the séance's date, their
    /// answer to the convocation and, once recorded, their attendance.
    struct Roll: AsyncParsableCommand {
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
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    try session.rollListing(of: seance, in: language).show(json: json)
                }
            }
        }
    }
}
