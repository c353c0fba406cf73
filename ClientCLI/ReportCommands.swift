import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil

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
              huisclos rapport archive s1 --service-archives FRAD093 --sortie ./versement-s1
            Comptent : les séances à présence close tenues pendant le mandat du membre ; une absence excusée compte.
            """,
        subcommands: [Absences.self, Annual.self, Archive.self])

    struct Absences: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "absences", abstract: "Membres absents à 3 séances consécutives / members absent from 3 consecutive séances.",
            discussion: """
                Exemples / examples : huisclos rapport absences --json ; huisclos rapport absences --signer
                Avec --signer, le secrétariat signe le rapport dans le journal des membres (un enregistrement par membre cité) : \
                la présidence ne peut déclarer une démission d'office que sur ce rapport signé. With --signer, the secretariat \
                signs the report into the membership log (one record per member named): the president can declare a \
                resignation ex officio only on that signed report.
                """)
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Flag(name: .customLong("signer"), help: "Signer le rapport dans le journal des membres (secrétariat) / sign the report into the membership log (secretariat).")
        var sign = false

        func run(on session: CouncilSession) async throws {
            let (report, signed) = try await session.absencesReport(signing: sign)
            if sign {
                warn(.absencesSigned(signed))
            }
            if json { return try printJSON(report.findings) }
            guard let listing = session.absencesListing(report, in: language) else {
                return say(.noAbsences)
            }
            try listing.show(json: false)
            say(CouncilRules.Quote.absences)
            say(.absencesNextStep(signed: sign))
        }
    }
}

/// `huisclos rapport annuel <année>`: the activity report to the departmental president, from the
/// council's records on this device's replica.
extension ReportCommands {
    struct Annual: CouncilCommand {
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

        func run(on session: CouncilSession) async throws {
            let report = try await session.writeActivityReport(year: year, to: URL(fileURLWithPath: output))
            warn(.reportInPlaintext(output))
            say(.activityReportWritten(report, year: year, to: output))
        }
    }
}

/// `huisclos rapport archive <séance|année>`: a séance, or a year's, as a SEDA 2.2 transfer package for the public archives.
extension ReportCommands {
    struct Archive: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "archive",
            abstract: "Versement SEDA 2.2 d'une séance ou d'une année aux archives / a séance or a year as a SEDA 2.2 transfer package.",
            discussion: """
                Écrit un nouveau dossier (jamais un dossier existant) : manifest.xml, le bordereau SEDA 2.2 (ArchiveTransfer), \
                et content/ avec la convocation (.ics), l'ordre du jour et la feuille de présence (.csv), le procès-verbal s'il \
                est approuvé (.html), chaque avis adopté à la séance (.md), la dernière version de chaque dossier de l'ordre du \
                jour, chaque jeton d'horodatage avec son texte et les racines de l'autorité. Chaque fichier y figure avec son \
                empreinte SHA-512. La séance doit être tenue (présence close). Avec une année (2026), toutes les séances tenues \
                cette année-là, une unité chacune sous une unité de l'année. Pour un service qui attend un zip : \
                cd <dossier> && zip -r ../versement.zip manifest.xml content.
                Les fichiers sont écrits en clair, lisibles par vous seul (0600).
                Writes a new folder: manifest.xml (SEDA 2.2 ArchiveTransfer) and content/ with the séance's files, each with \
                its SHA-512; in plaintext, readable by you only. The séance must have been held; a year archives every séance held in it.

                Exemple : huisclos rapport archive s1 --service-archives FRAD093 --sortie ./versement-s1
                Exemple : huisclos rapport archive 2026 --service-archives FRAD093 --sortie ./versement-2026
                Codes de sortie : 0 fait · 64 usage, séance non tenue, année sans séance tenue ou service d'archives manquant · 74 écriture impossible.
                """)

        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance ou année / séance id or year (ex. s1, 2026).") var target: String
        @Option(name: .customLong("sortie"), help: "Nouveau dossier du versement (jamais écrasé) / new folder (never overwritten).")
        var output: String
        @Option(name: .customLong("service-archives"), help: "Identifiant du service d'archives destinataire (ArchivalAgency) / the receiving archives service.")
        var archival: String?
        @Option(
            name: .customLong("service-versant"),
            help: "Identifiant du service versant (TransferringAgency ; par défaut HuisClos-<conseil>) / the transferring service.")
        var transferring: String?
        @Option(
            name: .customLong("service-producteur"),
            help: "Identifiant du service producteur (OriginatingAgency ; par défaut HuisClos-<conseil>) / the originating service.")
        var originating: String?
        @Option(name: .customLong("accord"), help: "Accord de versement (ArchivalAgreement), s'il y en a un / the transfer agreement, if any.")
        var agreement: String?
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let agencies = try await session.archiveAgencies(archival: archival, transferring: transferring, originating: originating, agreement: agreement)
            let target = try session.archiveTarget(target)
            warn(.archiveInPlaintext(output))
            let archive = try await session.writeArchive(of: target, to: output, agencies: agencies)
            if !archive.missingDossiers.isEmpty { warn(.archiveMissingDossiers(archive.missingDossiers)) }
            if json { return try printJSON(archive) }
            say(.archiveWritten(archive, target: target))
        }
    }
}
