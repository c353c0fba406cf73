import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos pv …`: a séance's procès-verbal, drafted from its records, edited paragraph by
/// paragraph, approved at a later séance, signed by the president's device, time-stamped, exported.
struct MinutesCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pv", abstract: "Procès-verbal d'une séance : rédaction, approbation, signature / a séance's minutes.",
        discussion: """
            Exemples / examples:
              huisclos pv brouillon s1
              huisclos pv ecrire s1 4 "Point 1 — Budget 2027. Le rapporteur présente le budget."
              huisclos pv voir s1
              huisclos pv approuver s1 --seance s2 --pour 3 --contre 0 --abstentions 1
              huisclos pv signer s1
              huisclos pv exporter s1 --format pdf --sortie pv-s1.pdf
              huisclos pv publier s1
            """,
        subcommands: [Draft.self, Show.self, Write.self, Approve.self, Sign.self, Stamp.self, Export.self, Publish.self])

    struct Draft: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "brouillon", abstract: "Rédige le projet depuis les registres de la séance / drafts the minutes from the séance's records.",
            discussion: """
                Date, heure, lieu, présents, excusés, absents et quorum, ordre du jour, avis adoptés avec leur vote et la saisine à laquelle ils répondent : \
                un paragraphe chacun, dans la portée du conseil (chiffré de bout en bout). La séance doit avoir été tenue (présence close).
                Date, time, place, attendance and quorum, agenda, avis adopted with their votes: one paragraph each, in the council scope.
                Codes de sortie : 0 · 64 séance non tenue ou procès-verbal existant · 65 réservé à la présidence et au secrétariat.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance / séance id.") var seance: String

        func run(on session: CouncilSession) async throws {
            say(.minutesDrafted(seance, paragraphs: try session.draftMinutes(seance).count))
        }
    }

    struct Show: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "voir", abstract: "Affiche le procès-verbal, ses conflits, sa signature et son horodatage / shows the minutes.")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance / séance id.") var seance: String

        func run(on session: CouncilSession) async throws {
            say(try await session.minutesView(seance).display(name: session.name))
        }
    }

    struct Write: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "ecrire", abstract: "Écrit un paragraphe / writes a paragraph.",
            discussion: """
                Remplace les versions du paragraphe que cet appareil a vues ; deux modifications concurrentes restent côte à côte (conflit) \
                jusqu'à ce qu'on réécrive le paragraphe. Un numéro après le dernier ajoute un paragraphe. Refusé une fois le procès-verbal approuvé.
                Replaces the versions this device has seen; concurrent edits stay side by side until rewritten. Refused once approved.
                Codes de sortie : 0 · 64 procès-verbal approuvé, introuvable ou numéro hors limites · 65 réservé à la présidence et au secrétariat.
                """,
            aliases: ["écrire"])
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance / séance id.") var seance: String
        @Argument(help: "Numéro du paragraphe (1 le premier) / paragraph number.") var number: Int
        @Argument(help: "Texte / text.") var text: String

        func run(on session: CouncilSession) async throws {
            try session.writeMinutesParagraph(text, number: number, of: seance)
            say(.paragraphWritten("\(number)"))
        }
    }

    struct Approve: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "approuver", abstract: "Enregistre l'approbation à une séance ultérieure / records approval at a later séance.",
            discussion: """
                La séance d'approbation est postérieure à celle du procès-verbal et a été tenue (présence close) avec son quorum ; \
                pour + contre + abstentions ne dépassent pas ses présents ; aucun paragraphe ne reste en conflit. Présidence ou secrétariat.
                The approving séance is later, held with its quorum; votes do not exceed those present; no paragraph in conflict.
                Codes de sortie : 0 · 64 conflit ou séance non tenue · 65 séance non ultérieure, sans quorum, décompte excédant les présents, réservé à la présidence et au secrétariat.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance du procès-verbal / the minutes' séance.") var seance: String
        @Option(name: .customLong("seance"), help: "Séance d'approbation / approving séance.") var approving: String
        @Option(name: .customLong("pour"), help: "Pour / for.") var inFavour: Int
        @Option(name: .customLong("contre"), help: "Contre / against.") var against: Int
        @Option(name: .customLong("abstentions"), help: "Abstentions.") var abstaining: Int

        func run(on session: CouncilSession) async throws {
            try await session.approveMinutes(seance, at: approving, inFavour: inFavour, against: against, abstaining: abstaining)
            say(.minutesApproved(seance, at: approving))
        }
    }

    struct Sign: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "signer", abstract: "La présidence signe le procès-verbal approuvé / the president signs the approved minutes.",
            discussion: """
                L'appareil de la présidence signe l'empreinte du texte approuvé ; chaque appareil vérifie la signature. \
                Si le conseil a une autorité d'horodatage, le procès-verbal signé est aussi horodaté (RFC 3161).
                The president's device signs the approved text's hash; every device verifies it; time-stamped when the council has an authority.
                Codes de sortie : 0 · 64 non approuvé · 65 texte modifié après approbation, réservé à la présidence · 69 serveur ou autorité injoignable.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance / séance id.") var seance: String

        func run(on session: CouncilSession) async throws {
            say(.minutesSigned(seance, stamped: try await session.signMinutes(seance)))
        }
    }

    struct Stamp: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "horodater", abstract: "Horodate le procès-verbal signé / time-stamps the signed minutes.",
            discussion: "Codes de sortie : 0 · 64 non signé ou aucune autorité configurée · 65 réservé à la présidence et au secrétariat · 69 autorité injoignable.")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance / séance id.") var seance: String

        func run(on session: CouncilSession) async throws {
            try await session.stampMinutes(seance)
            say(.minutesStamped(seance))
        }
    }

    struct Publish: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "publier", abstract: "Publie le procès-verbal approuvé et signé sur le site public / publishes the approved, signed minutes.",
            discussion: """
                Quand le conseil le décide : le texte approuvé, son approbation et son empreinte partent en clair dans la portée publique ; \
                le serveur les sert à <serveur>/public/proces-verbaux/<séance>.html et les liste sur <serveur>/public/. \
                Seulement un procès-verbal approuvé dont cet appareil vérifie la signature de la présidence (huisclos pv voir). \
                Un procès-verbal n'est pas une délibération : il n'entre pas dans les données ouvertes SCDL.
                When the council decides: the approved text, its approval and hash go in clear to the public scope; only minutes \
                approved and signed (as pv voir verifies). Not in the SCDL open data.
                Le site public du serveur doit publier (huisclos-server démarré avec --public-url et public-site.json écrit) : sinon rien n'est publié.
                Codes de sortie : 0 · 64 non approuvé, ou site public du serveur pas encore configuré · 65 non signé, signature refusée, texte modifié après approbation, publication réservée à la présidence et au secrétariat · 69 serveur injoignable.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance / séance id.") var seance: String

        func run(on session: CouncilSession) async throws {
            say(.minutesPublished(seance, at: try await session.publishMinutes(seance)))
        }
    }

    struct Export: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "exporter", abstract: "Exporte le procès-verbal en HTML, Markdown ou PDF / exports the minutes.",
            discussion: """
                Le fichier porte le texte et ce que cet appareil a vérifié (approbation, signature, horodatage). Il est écrit en clair, \
                lisible par vous seul (0600), jamais par-dessus un fichier existant. Le PDF est la page HTML imprimée par Chromium \
                sans interface et sans réseau (paquet Debian chromium).
                The file holds the text and what this device verified; written in plaintext, never over an existing file. \
                The PDF is the HTML page printed by headless Chromium, offline.
                Exemple / example : huisclos pv exporter s1 --format pdf --sortie pv-s1.pdf
                Codes de sortie : 0 · 64 format inconnu ou procès-verbal introuvable · 74 fichier existant ou non écrit, Chromium absent ou en échec.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Séance / séance id.") var seance: String
        @Option(help: "html, md ou pdf.") var format: String
        @Option(name: .customLong("sortie"), help: "Nouveau fichier (jamais écrasé) / new file (never overwritten).") var output: String

        func run(on session: CouncilSession) async throws {
            guard let format = MinutesDocument.Format(rawValue: format) else {
                throw UsageError("--format", format, accepts: Text(fr: "html, md ou pdf", en: "html, md or pdf"))
            }
            let text = try await session.minutesDocument(seance).rendered(format)
            let bytes = format == .pdf ? try ChromiumPDF.print(text, environment: ProcessInfo.processInfo.environment) : Data(text.utf8)
            try PlaintextFile.write(bytes, toPath: output)
            say(.minutesExported(output))
        }
    }
}
