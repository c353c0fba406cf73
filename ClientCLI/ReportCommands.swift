import ArgumentParser
import HuisClosCouncil
import HuisClosL10n
import HuisClosTerminal

/// `huisclos rapport …`: the secretariat's reports.
struct Reports: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "Rapports du secrétariat / the secretariat's reports.",
        discussion: """
            Exemples / examples:
              huisclos rapport absences
              huisclos rapport absences --json
              huisclos rapport annuel 2026 --sortie ./rapport-2026
            Comptent : les séances à présence close tenues pendant le mandat du membre ; une absence excusée compte.
            """,
        subcommands: [Absences.self, Annuel.self])

    struct Absences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "absences", abstract: "Membres absents à 3 séances consécutives / members absent from 3 consecutive séances.",
            discussion: "Exemple / example : huisclos rapport absences --json")
        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runCouncil {
                try await CouncilSession.with(device) { session in
                    let report = AbsenceReport(register: session.register.register, seances: try session.council.seances(), on: session.today)
                    if json { return try printJSON(report.findings) }
                    guard !report.findings.isEmpty else {
                        return say(Text(fr: "Aucun membre n'a manqué 3 séances consécutives.", en: "No member missed 3 consecutive séances."))
                    }
                    var table = Table(headers: [Text.header("Identifiant", "Id"), Text.header("Nom", "Name"),
                                                Text.header("Séances manquées", "Séances missed"), Text.header("Dont excusées", "Of which excused")])
                    for finding in report.findings {
                        table.append([finding.memberID, finding.name, finding.seanceIDs.joined(separator: ", "), "\(finding.excused)"])
                    }
                    Console.out(table.render() + "\n")
                    say(CouncilRules.Quote.absences)
                    say(Text(fr: "La présidence peut déclarer : huisclos membres declarer-demission <identifiant>",
                             en: "The president may declare: huisclos membres declarer-demission <id>"))
                }
            }
        }
    }
}
