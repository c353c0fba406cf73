import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosL10n
import HuisClosTerminal

extension Attendance {
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
                    var listing = Listing(headers: [Text.header("Identifiant", "Id"), Text.header("Nom", "Name"),
                                                    Text.header("Réponse", "Answer"), Text.header("Présence", "Attendance")],
                                          keys: ["member", "name", "response", "attendance"])
                    for entry in try session.roll(of: seance) {
                        let member = entry.member, response = entry.response, attendance = entry.attendance
                        listing.append([member.id, member.name, Self.label(response).in(language), attendance.map(Self.label)?.in(language)],
                                       json: ["response": .string(response?.rawValue ?? "none"), "attendance": attendance.map { .string($0.rawValue) } ?? .null])
                    }
                    try listing.show(json: json)
                }
            }
        }

        static func label(_ response: Seance.Response?) -> Text {
            switch response {
            case .willAttend: Text(fr: "viendra", en: "will attend")
            case .excused: Text(fr: "excusé·e", en: "excused")
            case .absent: Text(fr: "absent·e", en: "absent")
            case nil: Text(fr: "pas de réponse", en: "no answer")
            }
        }

        static func label(_ attendance: Seance.Attendance) -> Text {
            switch attendance {
            case .present: Text(fr: "présent·e", en: "present")
            case .excused: Text(fr: "absent·e excusé·e", en: "excused absence")
            case .absent: Text(fr: "absent·e", en: "absent")
            }
        }
    }
}
