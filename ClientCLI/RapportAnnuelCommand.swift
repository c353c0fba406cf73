import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosPublication

/// `huisclos rapport annuel <année>`: the activity report to the departmental president.
extension Reports {
    struct Annuel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "annuel",
            abstract: "Rapport d'activité annuel (Markdown, HTML, SVG) / annual activity report.",
            discussion: """
                Écrit rapport-<année>.md, rapport-<année>.html et assiduite-<année>.svg dans le dossier de sortie. \
                Les données de l'année viennent du fichier --donnees (JSON : séances, textes adoptés, saisines, \
                groupes de travail, auditions ; voir RapportAnnuelInput.swift pour le format).

                Exemple : huisclos rapport annuel 2026 --donnees activite-2026.json --sortie ./rapport-2026
                Codes de sortie : 0 fait · 64 usage · 65 données refusées · 74 fichier local.
                """)

        @Argument(help: "Année / year (ex. 2026).")
        var year: Int
        @Option(name: .customLong("donnees"), help: "Fichier JSON des données de l'année / the year's data.")
        var input: String
        @Option(name: .customLong("sortie"), help: "Dossier de sortie / output folder.")
        var output: String = "."

        func validate() throws {
            guard (1900...9999).contains(year) else { throw ValidationError("année invalide / invalid year: \(year)") }
        }

        func run() async throws {
            let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: input)) } catch {
                FileHandle.standardError.write(Data((Text(fr: "Lecture impossible de \(input) : vérifiez le chemin.",
                                                          en: "Cannot read \(input): check the path.").in(language) + "\n").utf8))
                throw ExitCode(74)
            }
            let parsed: RapportAnnuelInput
            let report: ActivityReport
            do {
                parsed = try JSONDecoder().decode(RapportAnnuelInput.self, from: data)
                report = try parsed.report(year: year)
            } catch {
                let detail = (error as? ReportInputError)?.text.in(language) ?? "\(error)"
                FileHandle.standardError.write(Data((Text(fr: "Données refusées : \(detail)", en: "Data refused: \(detail)").in(language) + "\n").utf8))
                throw ExitCode(65)
            }
            let folder = URL(fileURLWithPath: output)
            let chart = "assiduite-\(year).svg"
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(report.markdown(councilName: parsed.conseil, chartFile: chart).utf8).write(to: folder.appendingPathComponent("rapport-\(year).md"))
                try Data(report.html(councilName: parsed.conseil).utf8).write(to: folder.appendingPathComponent("rapport-\(year).html"))
                try Data(AttendanceChart.svg(report.attendance, year: year).utf8).write(to: folder.appendingPathComponent(chart))
            } catch {
                FileHandle.standardError.write(Data((Text(fr: "Écriture impossible dans \(output) : vérifiez les droits.",
                                                          en: "Cannot write to \(output): check permissions.").in(language) + "\n").utf8))
                throw ExitCode(74)
            }
            print(Text(fr: "Rapport \(year) : \(report.seances.count) séance(s), \(report.avisAdopted) avis, \(report.referrals.count) saisine(s) — écrit dans \(output).",
                       en: "Report \(year): \(report.seances.count) séance(s), \(report.avisAdopted) avis, \(report.referrals.count) referral(s) — written to \(output).").in(language))
        }
    }
}
