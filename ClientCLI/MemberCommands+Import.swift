import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosL10n

extension MemberCommands {
    /// `huisclos membres importer FICHIER.csv`: a whole council's appointments from one file, checked
    /// whole before anything is signed (`AppointmentImport.plan`, then `Device.appoint`).
    struct Import: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "importer",
            abstract: "Nomme les membres listés dans un fichier CSV (secrétariat) / appoints the members a CSV file lists (secretariat).",
            discussion: """
                Exemple / example : huisclos membres importer nominations.csv --essai
                Colonnes (en-tête obligatoire, séparateur « ; » ou « , ») / columns (header required, « ; » or « , »):
                  nom (obligatoire), categorie (obligatoire : économie, éducation, recherche, partenaires-publics, société-civile),
                  arrete (obligatoire : numéro de l'arrêté), date (AAAA-MM-JJ, aujourd'hui si vide),
                  genre (femme, homme, autre ou vide), role (membre, président, second-cercle ; membre si vide).
                  Accents facultatifs ; les mots-clés anglais restent admis / accents optional; English keywords
                  (research, female, member…) still accepted.
                  nom;categorie;arrete;date;genre;role
                  Alice Martin;recherche;2026-0142;2026-01-05;femme;membre
                Tout le fichier est vérifié avant d'écrire quoi que ce soit : une seule ligne en erreur et rien n'est nommé \
                (sortie 65, chaque ligne fautive dite). --essai vérifie sans rien écrire.
                The whole file is checked before anything is written: one bad line and nobody is appointed (exit 65,
                each bad line named). --essai checks without writing.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Fichier CSV / CSV file.") var file: String
        @Flag(name: .customLong("essai"), help: "Vérifie sans rien écrire / dry run.") var dryRun = false
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            switch try await session.importAppointments(fileAt: file, dryRun: dryRun) {
            case let .success(lines):
                if json { return try printJSON(lines) }
                lines.map(\.text).forEach(say)
                say(.imported(lines.count, dryRun: dryRun))
            case let .failure(failure):
                failure.errors.map(\.text).forEach(warn)
                warn(.importRefused(failure.errors.count))
                throw ExitCode(ExitStatus.dataRefused.rawValue)
            }
        }
    }
}
