import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosL10n
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust

extension MemberCommands {
    /// `huisclos membres importer FICHIER.csv`: a whole council's appointments from one file, checked
    /// whole before anything is signed (`AppointmentImport.plan`, then `Device.appoint`).
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "importer",
            abstract: "Nomme les membres listés dans un fichier CSV (secrétariat) / appoints the members a CSV file lists (secretariat).",
            discussion: """
                Exemple / example : huisclos membres importer nominations.csv --essai
                Colonnes (en-tête obligatoire, séparateur « ; » ou « , ») / columns (header required, « ; » or « , »):
                  nom (obligatoire), categorie (obligatoire : economic, education, research, publicPartners, civilSociety),
                  arrete (obligatoire : numéro de l'arrêté), date (AAAA-MM-JJ, aujourd'hui si vide),
                  genre (female, male, other ou vide), role (member, president, secondCircle ; member si vide).
                  nom;categorie;arrete;date;genre;role
                  Alice Martin;research;2026-0142;2026-01-05;female;member
                Tout le fichier est vérifié avant d'écrire quoi que ce soit : une seule ligne en erreur et rien n'est nommé \
                (sortie 65, chaque ligne fautive dite). --essai vérifie sans rien écrire.
                The whole file is checked before anything is written: one bad line and nobody is appointed (exit 65,
                each bad line named). --essai checks without writing.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Fichier CSV / CSV file.") var file: String
        @Flag(name: .customLong("essai"), help: "Vérifie sans rien écrire / dry run.") var dryRun = false
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        struct Line: Encodable { let line: Int; let name: String; let member: String?; let start: String; let termEnd: String }

        func run() async throws {
            try await runReporting {
                let url = URL(fileURLWithPath: file)
                let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
                guard let size, size <= AppointmentImport.fileBytesMax, let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw UsageError("FICHIER", file, accepts: Text(
                        fr: "un fichier CSV lisible, en UTF-8, de \(AppointmentImport.fileBytesMax / 1024) Kio au plus",
                        en: "a readable UTF-8 CSV file of at most \(AppointmentImport.fileBytesMax / 1024) KiB"))
                }
                try await CouncilSession.with(device) { session in
                    let rows: [AppointmentImport.Row], ids: [MemberID]?
                    switch try await session.importAppointments(text, dryRun: dryRun) {
                    case let .success(planned): (rows, ids) = planned
                    case let .failure(failure):
                        for error in failure.errors { Console.error(error.text.in(language) + "\n") }
                        Console.error(Text(fr: "Fichier refusé : \(failure.errors.count) ligne(s) en erreur, aucune nomination enregistrée.\n",
                                           en: "File refused: \(failure.errors.count) line(s) in error, no appointment recorded.\n").in(language))
                        throw ExitCode(ExitStatus.dataRefused.rawValue)
                    }
                    let lines = rows.enumerated().map { index, row in
                        Line(line: row.line, name: row.name, member: ids?[index].hex, start: row.orderDay.iso, termEnd: row.termEnd.iso)
                    }
                    if json { return try printJSON(lines) }
                    for line in lines {
                        say(Text(fr: "ligne \(line.line) : \(line.name)\(line.member.map { " — identifiant \($0)" } ?? "") — mandat du \(line.start) au \(line.termEnd)",
                                 en: "line \(line.line): \(line.name)\(line.member.map { " — id \($0)" } ?? "") — mandate from \(line.start) to \(line.termEnd)"))
                    }
                    say(dryRun ? Text(fr: "Essai : \(rows.count) nomination(s) valide(s) ; rien n'est écrit.",
                                      en: "Dry run: \(rows.count) valid appointment(s); nothing written.")
                               : Text(fr: "\(rows.count) membre(s) nommé(s).", en: "\(rows.count) member(s) appointed."))
                }
            }
        }
    }
}
