import ArgumentParser
import HuisClosClient

/// `huisclos avis adopter|publier|liste`: a draft adopted at a held séance with its vote count,
/// then published in the public scope (served at <serveur>/public/ as HTML, JSON and CSV).
extension AvisCommands {
    struct Adopt: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "adopter", abstract: "Enregistre l'adoption en séance / records adoption at a séance.",
            discussion: """
                La séance doit exister, avoir été tenue (présence close) avec son quorum, et ne pas précéder la saisine à laquelle le texte répond ; aucun paragraphe ne doit rester en conflit. \
                Si le projet répond à une saisine (--saisine à la création), la saisine est marquée répondue.
                The séance must be held (attendance closed) with its quorum and not precede the referral answered; no paragraph may remain in conflict.

                Exemple : huisclos avis adopter avis-2026-1 --seance s3 --votants 3 --pour 2 --contre 0 --abstentions 1
                Codes de sortie : 0 · 64 conflit, séance non tenue ou projet introuvable · 65 décompte incohérent (--presents compris), quorum non atteint, séance antérieure à la saisine ou séance inconnue.
                """)
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("seance"), help: "Séance d'adoption / séance.") var seance: String
        @Option(name: .customLong("presents"), help: "Présents (vérifié contre la feuille de présence) / present (checked).") var present: Int?
        @Option(name: .customLong("votants"), help: "Votants / voting.") var voting: Int
        @Option(name: .customLong("pour"), help: "Pour / in favour.") var inFavour: Int
        @Option(name: .customLong("contre"), help: "Contre / against.") var against: Int
        @Option(name: .customLong("abstentions"), help: "Abstentions.") var abstaining: Int
        @Argument(help: "Projet / draft.") var id: String

        func run(on session: CouncilSession) async throws {
            try await session.adoptAvis(id, at: seance, present: present, voting: voting, inFavour: inFavour, against: against, abstaining: abstaining)
            say(.avisAdopted(id, at: seance, inFavour: inFavour, against: against, abstaining: abstaining))
        }
    }

    struct Publish: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "publier", abstract: "Publie un texte adopté / publishes an adopted text.",
            discussion: """
                Le texte adopté, et lui seul, part en clair dans la portée publique ; le serveur le sert à \
                <serveur>/public/ (HTML), /public/deliberations.json et /public/deliberations.csv (schéma SCDL « Délibérations »).
                Only the adopted text goes, in clear, to the public scope.

                Exemple : huisclos avis publier avis-2026-1
                Le site public du serveur doit publier (huisclos-server démarré avec --public-url et public-site.json écrit) : sinon rien n'est publié. \
                The relay's public site must publish (--public-url and public-site.json), or nothing is published.

                Codes de sortie : 0 · 64 pas encore adopté, ou site public du serveur pas encore configuré · 65 publication réservée à la présidence et au secrétariat · 69 serveur injoignable · 77 non autorisé (second cercle, invité).
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Texte adopté / adopted text.") var id: String

        func run(on session: CouncilSession) async throws {
            let address = try await session.publishAvis(id)
            say(.avisPublished(id, at: address))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les projets et textes / lists drafts and texts.")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run() async throws {
            try await device.open().run { try $0.avisListing(in: language) }.show(json: json)
        }
    }
}
