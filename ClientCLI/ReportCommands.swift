import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTerminal

/// `huisclos rapport …`: the secretariat's reports.
struct ReportCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "Rapports du secrétariat / the secretariat's reports.",
        discussion: """
            Exemples / examples:
              huisclos rapport absences
              huisclos rapport absences --json
              huisclos rapport absences --signer
              huisclos rapport annuel 2026 --sortie ./rapport-2026
            Comptent : les séances à présence close tenues pendant le mandat du membre ; une absence excusée compte.
            """,
        subcommands: [Absences.self, Annual.self])

    struct Absences: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "absences", abstract: "Membres absents à 3 séances consécutives / members absent from 3 consecutive séances.",
            discussion: """
                Exemples / examples : huisclos rapport absences --json ; huisclos rapport absences --signer
                Avec --signer, le secrétariat signe le rapport dans le journal des membres (un enregistrement par membre cité) : \
                la présidence ne peut déclarer une démission d'office que sur ce rapport signé. With --signer, the secretariat \
                signs the report into the membership log (one record per member named): the president can declare a \
                resignation ex officio only on that signed report.
                """)
        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Flag(name: .customLong("signer"), help: "Signer le rapport dans le journal des membres (secrétariat) / sign the report into the membership log (secretariat).")
        var sign = false

        func run() async throws {
            try await runReporting {
                try await CouncilSession.with(device) { session in
                    let (report, signed) = try await session.absencesReport(signing: sign)
                    if sign {
                        Console.error(Text(fr: "Rapport d'absences signé dans le journal des membres : \(signed) membre(s).",
                                           en: "Absences report signed into the membership log: \(signed) member(s).").in(language) + "\n")
                    }
                    if json { return try printJSON(report.findings) }
                    guard let listing = session.absencesListing(report, in: language) else {
                        return say(Text(fr: "Aucun membre n'a manqué 3 séances consécutives.", en: "No member missed 3 consecutive séances."))
                    }
                    try listing.show(json: false)
                    say(CouncilRules.Quote.absences)
                    say(sign ? Text(fr: "La présidence peut déclarer : huisclos membres declarer-demission <identifiant>",
                                    en: "The president may declare: huisclos membres declarer-demission <id>")
                             : Text(fr: "Pour qu'une démission d'office soit possible, le secrétariat signe le rapport : huisclos rapport absences --signer",
                                    en: "For a resignation ex officio to be possible, the secretariat signs the report: huisclos rapport absences --signer"))
                }
            }
        }
    }
}
