import ArgumentParser
import HuisClosClient
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos saisines recevoir|liste|repondre`: referrals by the departmental president, or
/// self-referrals, from receipt to the avis that answers them.
struct ReferralCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "saisines", abstract: "Saisines et auto-saisines / referrals.",
        discussion: """
            Une saisine est répondue automatiquement quand un avis créé avec --saisine <id> est adopté ; \
            repondre la relie à la main à un avis.
            A referral is answered automatically when an avis created with --saisine <id> is adopted.

            Exemples / examples:
              huisclos saisines recevoir sa-2026-1 --objet "Inclusion numérique des seniors" --origine president --date 2026-09-01
              huisclos avis creer avis-2026-1 --titre "Avis sur l'inclusion numérique" --saisine sa-2026-1
              huisclos saisines repondre sa-2026-1 --avis avis-2026-1
              huisclos saisines liste --json
            Codes de sortie / exit codes: 0 · 64 usage ou saisine inconnue / unknown referral.
            """,
        subcommands: [Receive.self, List.self, Answer.self])

    struct Receive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "recevoir", abstract: "Enregistre une saisine reçue / records a referral.")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("objet"), help: "Objet / subject.") var subject: String
        @Option(name: .customLong("origine"), help: "president (du Département) ou autosaisine.") var origin: String
        @Option(name: .customLong("date"), help: "Date de réception AAAA-MM-JJ / day received.") var date: String
        @Argument(help: "Identifiant / id.") var id: String

        func run() async throws {
            let origin = try parseChoice(origin, option: "--origine", ActivityReport.Referral.Origin.typed)
            let day = try parseDay(date, option: "--date")
            try await CouncilSession.with(device) { session in
                try await session.receiveReferral(id, subject: subject, origin: origin, on: day)
            }
            say(.referralReceived(id, on: day))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les saisines / lists referrals.")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run() async throws {
            try await device.open().run { try $0.referralListing(in: language) }.show(json: json)
        }
    }

    struct Answer: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "repondre", abstract: "Relie une saisine à son avis / links a referral to its avis.", aliases: ["répondre"])
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("avis"), help: "Avis qui y répond / the answering avis.") var avis: String
        @Argument(help: "Saisine / referral.") var id: String

        func run(on session: CouncilSession) async throws {
            try await session.answerReferral(id, with: avis)
            say(.referralAnswered(id, by: avis))
        }
    }
}
