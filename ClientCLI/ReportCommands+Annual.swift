import ArgumentParser
import HuisClosClient
import Foundation
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos rapport annuel <année>`: the activity report to the departmental president, from the
/// council's records on this device's replica.
extension ReportCommands {
    struct Annual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annuel",
            abstract: "Rapport d'activité annuel (Markdown, HTML, SVG) / annual activity report.",
            discussion: """
                Lit les registres du conseil sur cet appareil : séances tenues dans l'année (présence close) avec les \
                membres du premier cercle en fonction, présents et excusés ; assiduité par membre ; textes adoptés et \
                publiés ; saisines ; groupes de travail ; auditions. Écrit rapport-<année>.md, rapport-<année>.html et \
                assiduite-<année>.svg dans le dossier de sortie. Synchronisez d'abord ; lancez-le depuis l'appareil de \
                la présidence pour compter les dossiers de chaque groupe (un appareil hors d'un groupe n'en voit aucun).
                Les fichiers sont écrits en clair, lisibles par vous seul (0600), et jamais par-dessus un fichier existant.
                Reads the council's records on this device (sync first) and writes Markdown, HTML and an SVG chart, in                 plaintext, readable by you only (0600), never over an existing file.

                Exemple : huisclos rapport annuel 2026 --sortie ./rapport-2026
                Codes de sortie : 0 fait · 64 usage · 74 écriture impossible.
                """)

        @OptionGroup var device: DeviceOptions
        @Argument(help: "Année / year (ex. 2026).")
        var year: Int
        @Option(name: .customLong("sortie"), help: "Dossier de sortie / output folder.")
        var output: String = "."

        func validate() throws {
            guard (1900...9999).contains(year) else { throw ValidationError("année invalide / invalid year: \(year)") }
        }

        func run() async throws {
            try await runReporting {
                let report = try await CouncilSession.with(device) { try await $0.writeActivityReport(year: year, to: URL(fileURLWithPath: output)) }
                Console.error(Text(fr: "Attention : le rapport est écrit en clair hors de l'appareil chiffré (\(output)).",
                                   en: "Warning: the report is written in plaintext outside the encrypted device (\(output)).").in(language) + "\n")
                say(Text(fr: "Rapport \(year) : \(report.seances.count) séance(s), \(report.avisAdopted) avis, \(report.referrals.count) saisine(s), \(report.groups.count) groupe(s), \(report.hearings.count) audition(s) — écrit dans \(output).",
                         en: "Report \(year): \(report.seances.count) séance(s), \(report.avisAdopted) avis, \(report.referrals.count) referral(s), \(report.groups.count) group(s), \(report.hearings.count) hearing(s) — written to \(output)."))
            }
        }
    }
}
