import ArgumentParser
import HuisClosClient
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos avis creer|ecrire|voir`: avis drafts edited paragraph by paragraph; concurrent edits
/// of one paragraph are kept side by side and shown as a conflict.
struct AvisCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "avis", abstract: "Avis, recommandations, programme : du projet à la publication / avis from draft to publication.",
        discussion: """
            Exemples / examples:
              huisclos avis creer avis-2027-1 --titre "Avis sur le budget"
              huisclos avis ecrire avis-2027-1 --paragraphe p1 "Le conseil recommande…"
              huisclos avis voir avis-2027-1 --json
              huisclos avis adopter avis-2027-1 --seance s3 --votants 3 --pour 3 --contre 0 --abstentions 0
              huisclos avis publier avis-2027-1
              huisclos avis creer programme-2027 --nature programme --titre "Programme de travail 2027"
              huisclos avis creer synthese-c1 --nature synthese --consultation c-1 --titre "Synthèse de la consultation sur la charte"
            Le programme de travail annuel suit le même chemin (--nature programme), comme la synthèse d'une consultation \
            (--nature synthese), adoptée après sa clôture et publiée avec le nombre de contributions reçues et retenues.
            The annual work programme too, and a consultation's synthesis, adopted once it is closed and published with its counts.
            """,
        subcommands: [Create.self, Write.self, Show.self, Adopt.self, Publish.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "creer", abstract: "Crée un projet / creates a draft.",
            discussion: "Exemple / example : huisclos avis creer avis-mobilites --titre \"Avis sur les mobilités\" --saisine saisine-3",
            aliases: ["créer"])
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("titre"), help: "Titre / title.") var title: String
        @Option(name: .customLong("nature"), help: "avis, recommandation, programme ou synthese.") var kind = "avis"
        @Option(name: .customLong("saisine"), help: "Saisine à laquelle il répond / referral it answers.") var referral: String?
        @Option(name: .customLong("consultation"), help: "Consultation que résume une synthèse / consultation a synthesis sums up.") var consultation: String?
        @Argument(help: "Identifiant / id.") var id: String

        func run() async throws {
            guard let kind = PublishedText.Kind(rawValue: kind) else {
                throw DossierError(
                    .invalidArgument,
                    Text(
                        fr: "--nature : avis, recommandation, programme ou synthese",
                        en: "--nature: avis, recommandation, programme or synthese"))
            }
            try await device.open().run { try $0.createAvisDraft(id, title: title, kind: kind, referral: referral, consultation: consultation) }
            say(.draftCreated(id))
        }
    }

    struct Write: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ecrire", abstract: "Écrit un paragraphe / writes a paragraph.", aliases: ["écrire"])
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("paragraphe"), help: "Identifiant du paragraphe / paragraph id.") var paragraph: String
        @Argument(help: "Projet / draft.") var id: String
        @Argument(help: "Texte / text.") var text: String

        func run() async throws {
            try await device.open().run { try $0.writeAvisParagraph(text, paragraph: paragraph, of: id) }
            say(.paragraphWritten(paragraph))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "voir", abstract: "Affiche un projet et ses conflits / shows a draft and its conflicts.")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Argument(help: "Projet / draft.") var id: String

        func run() async throws {
            let (title, listing) = try await device.open().run { try $0.avisDraftListing(id, in: language) }
            if !json { Console.out(title + "\n") }
            try listing.show(json: json)
        }
    }
}
