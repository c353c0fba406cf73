import ArgumentParser
import HuisClosClient
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos consultations …`: consultations of the second circle or the public, their
/// contributions sealed to the consultation's key and read on members' devices.
struct ConsultationCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consultations", abstract: "Consultations du second cercle et du public / consultations.",
        discussion: """
            Exemples / examples:
              huisclos consultations ouvrir c-mobilites --sujet "Mobilités" --question "Que proposez-vous ?" --public public --cloture 2027-03-31
              huisclos consultations liste
              huisclos consultations contributions c-mobilites
              huisclos consultations marquer c-mobilites 3 retenue
              huisclos consultations contribuer c-mobilites "Ma contribution"   (second cercle)
              huisclos consultations clore c-mobilites
            """,
        subcommands: [Open.self, List.self, Show.self, Close.self, Contributions.self, Contribute.self, Tag.self])

    struct Open: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "ouvrir", abstract: "Ouvre une consultation (présidence, secrétariat) / opens a consultation.")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("sujet"), help: "Sujet / topic.") var topic: String
        @Option(name: .customLong("question"), help: "Question posée / question.") var question: String
        @Option(name: .customLong("public"), help: "second-cercle ou public.") var audience: String
        @Option(name: .customLong("cloture"), help: "Date de clôture AAAA-MM-JJ (fin de journée, heure de Paris) / closing day.") var closing: String
        @Option(name: .customLong("heure"), help: "Heure de clôture HH:MM (défaut 23:59) / closing time.") var time: String?
        @Option(name: .customLong("dossier"), help: "Dossier joint (répétable) / attached dossier.") var dossiers: [String] = []
        @Argument(help: "Identifiant / id.") var id: String

        func run(on session: CouncilSession) async throws {
            guard let audience = Consultation.Audience(rawValue: audience) else {
                throw UsageError("--public", audience, accepts: Text(fr: "second-cercle ou public", en: "second-cercle or public"))
            }
            let closesAt = Consultation.closingInstant(try parseDay(closing, option: "--cloture"), at: try time.map { try parseTime($0, option: "--heure") })
            let consultation = try await session.openConsultation(
                id, topic: topic, question: question, audience: audience, closesAt: closesAt, dossiers: dossiers)
            say(session.openedSentence(consultation))
        }
    }

    struct List: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les consultations / lists consultations.")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws { try session.consultationListing(in: language).show(json: json) }
    }

    struct Show: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "voir", abstract: "Affiche une consultation / shows a consultation.")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant / id.") var id: String

        func run(on session: CouncilSession) async throws { say(try session.consultationDetails(id)) }
    }

    struct Close: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "clore", abstract: "Clôt une consultation avant sa date / closes a consultation.")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant / id.") var id: String

        func run(on session: CouncilSession) async throws {
            try await session.closeConsultation(id)
            say(Text(fr: "Consultation \(id) close : elle ne reçoit plus de contributions.", en: "Consultation \(id) closed: it takes no more contributions."))
        }
    }

    struct Contributions: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "contributions", abstract: "Récupère et ouvre les contributions / fetches and opens contributions.")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Argument(help: "Identifiant / id.") var id: String

        func run(on session: CouncilSession) async throws {
            let (opened, unreadable) = try await session.contributions(id)
            if json { return try printJSON(opened) }
            for contribution in opened {
                let who =
                    contribution.author.map { "second cercle : \($0)" }
                    ?? [contribution.name, contribution.email].compactMap { $0 }.joined(separator: ", ")
                Console.out(
                    "#\(contribution.position) — \(contribution.received) — \(who.isEmpty ? "anonyme" : who)"
                        + (contribution.tag.map { " — \($0)" } ?? "") + "\n\(contribution.text)\n\n")
            }
            say(Text(fr: "\(opened.count) contribution(s).", en: "\(opened.count) contribution(s)."))
            if unreadable > 0 {
                warn(
                    Text(
                        fr: "\(unreadable) contribution(s) ne s'ouvrent pas (abîmées ou mal signées) : elles sont ignorées.",
                        en: "\(unreadable) contribution(s) do not open (damaged or badly signed): they are skipped."))
            }
        }
    }

    struct Contribute: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "contribuer", abstract: "Contribue depuis l'appareil (second cercle) / contributes (second circle).")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant / id.") var id: String
        @Argument(help: "Texte / text.") var text: String

        func run(on session: CouncilSession) async throws {
            try await session.contribute(text, to: id)
            say(Text(fr: "Contribution envoyée, chiffrée pour le conseil seul.", en: "Contribution sent, encrypted for the council only."))
        }
    }

    struct Tag: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "marquer", abstract: "Marque une contribution retenue ou écartée / tags a contribution.")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant / id.") var id: String
        @Argument(help: "Numéro de la contribution / position.") var position: UInt64
        @Argument(help: "retenue ou écartée.") var tag: String

        func run(on session: CouncilSession) async throws {
            guard let tag = Consultations.Tag(typed: tag) else {
                throw UsageError("marque", tag, accepts: Text(fr: "retenue ou écartée", en: "retenue or écartée"))
            }
            try await session.tagContribution(id, position: position, as: tag)
            say(Text(fr: "Contribution \(position) : \(tag.french).", en: "Contribution \(position): \(tag.french)."))
        }
    }
}
