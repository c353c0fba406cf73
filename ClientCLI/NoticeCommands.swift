import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosMail
import HuisClosTerminal

/// `huisclos courriel …`: the secretariat device's mail server and the council's choice to attach
/// the calendar invitation; `seances notifier` and `membres courriel` use them.
struct MailCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "courriel",
        abstract: "Avis de convocation par courriel (secrétariat) / convocation notices by e-mail (secretariat).",
        discussion: """
            Les avis partent de l'appareil du secrétariat, jamais du serveur relais (qui n'apprend ni adresse ni nom). \
            Ils disent seulement qu'une convocation attend dans HuisClos ; l'invitation .ics (date, heure, lieu) n'y est \
            jointe que si le conseil l'a décidé (huisclos courriel invitation oui).
            Notices leave from the secretariat's device, never from the relay. They only say a convocation awaits in \
            HuisClos; the .ics invitation is attached only if the council decided so.
            Exemples / examples:
              HUISCLOS_SMTP_PASSWORD=… huisclos courriel configurer --serveur smtp.seinesaintdenis.fr --utilisateur secretariat-cn --expediteur conseil-numerique@seinesaintdenis.fr
              huisclos courriel tester --a secretariat@seinesaintdenis.fr
              huisclos membres courriel <id> alice@example.org
              huisclos seances notifier s2
            """,
        subcommands: [Configure.self, Test.self, Show.self, Invitation.self])

    struct Test: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "tester", abstract: "Essaie le serveur de courriel sans rien envoyer / tries the mail server, sending nothing.",
            discussion: """
                Se connecte, chiffre (STARTTLS ou TLS), s'identifie, puis se déconnecte ; avec --a, envoie un message d'essai à cette adresse.
                Connects, encrypts, logs in, then quits; with --a, sends a test message to that address.
                Codes de sortie : 0 · 64 aucun serveur configuré · 65 réservé au secrétariat · 69 serveur injoignable, TLS ou identifiant refusé.
                """)
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("a"), help: "Adresse où envoyer un message d'essai (la vôtre) / address for a test message (your own).") var address: String?

        func run(on session: CouncilSession) async throws {
            say(try await session.testMail(sendingTo: address))
        }
    }

    struct Configure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "configurer", abstract: "Le serveur de courriel de cet appareil / this device's mail server.",
            discussion: """
                Le mot de passe vient de HUISCLOS_SMTP_PASSWORD ou est demandé sans écho ; il est gardé dans la réplique chiffrée de l'appareil.
                The password comes from HUISCLOS_SMTP_PASSWORD or is asked without echo; it is kept in the device's encrypted replica.
                Ports par défaut / default ports : starttls 587, tls 465, aucune 25 (127.0.0.1 seulement / only).
                Codes de sortie : 0 · 64 réglage refusé (mot de passe sans chiffrement, port) · 65 réservé au secrétariat.
                """)
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("serveur"), help: "Nom du serveur SMTP / SMTP server name.") var host: String
        @Option(help: "Port (587, 465 ou 25 selon --securite).") var port: Int?
        @Option(name: .customLong("securite"), help: "starttls (défaut), tls ou aucune.") var security = "starttls"
        @Option(name: .customLong("expediteur"), help: "Adresse d'expédition / sender address.") var sender: String
        @Option(name: .customLong("nom"), help: "Nom affiché de l'expéditeur / sender's display name.") var senderName = "Secrétariat du conseil"
        @Option(name: .customLong("utilisateur"), help: "Identifiant SMTP (le mot de passe : HUISCLOS_SMTP_PASSWORD ou demandé).") var username: String?
        @Option(name: .customLong("autorite"), help: "Fichier PEM des autorités à croire au lieu de celles du système / PEM file of authorities to trust.") var authority: String?

        func run() async throws {
            let mode = try parseChoice(security, option: "--securite", SMTPSettings.Security.typed)
            guard let from = MailAddress(sender) else {
                throw UsageError("--expediteur", sender, accepts: Text(fr: "une adresse nom@domaine.fr", en: "an address name@domain.org"))
            }
            var password: String?
            if username != nil {
                password = Passphrase.read(
                    prompt: Text(fr: "Mot de passe SMTP : ", en: "SMTP password: ").in(language),
                    environment: ProcessInfo.processInfo.environment, variable: "HUISCLOS_SMTP_PASSWORD")
                guard password?.isEmpty == false else { throw UsageError.passphraseMissing(variable: "HUISCLOS_SMTP_PASSWORD") }
            }
            let settings = SMTPSettings(
                host: host, port: port ?? mode.defaultPort, security: mode,
                username: username, password: password, sender: from, senderName: senderName,
                trustRootsFile: authority.map { URL(fileURLWithPath: $0).path })
            try await CouncilSession.with(device) { session in
                try await session.configureMail(settings)
                say(.mailServerRecorded(settings))
            }
        }
    }

    struct Show: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "voir", abstract: "Les réglages de courriel (mot de passe masqué) / the mail settings (password masked).")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try await session.mailSettingsListing(in: language).show(json: json)
        }
    }

    struct Invitation: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "invitation", abstract: "Joindre ou non l'invitation .ics aux avis (décision du conseil) / attach the .ics invitation or not (the council's decision).",
            discussion:
                "Jointe, l'invitation fait voyager la date, l'heure et le lieu hors du chiffrement de bout en bout. / Attached, date, time and place travel outside end-to-end encryption."
        )
        @OptionGroup var device: DeviceOptions
        @Argument(help: "oui ou non / yes or no.") var choice: String

        func run() async throws {
            let attach = try parseChoice(choice, option: "invitation", ["oui": true, "yes": true, "non": false, "no": false])
            try await CouncilSession.with(device) { session in
                try session.council.setInvitationAttached(attach)
                say(.invitationAttached(attach))
            }
        }
    }
}

extension SeanceCommands {
    struct Notify: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "notifier",
            abstract: "Avise par courriel chaque membre que la convocation l'attend (secrétariat) / e-mails each member that the convocation awaits (secretariat).",
            discussion: """
                Un avis par membre du premier cercle en fonction le jour de la séance, une fois par version de la convocation : \
                relancer n'envoie que ce qui n'est pas parti. Puis huisclos sync (les avis envoyés sont notés pour les autres appareils du secrétariat).
                One notice per first-circle member in office on the séance's day, once per version of the convocation: \
                sending again sends only what did not leave. Then huisclos sync.
                Exemple / example : huisclos seances notifier s2 --json
                Codes de sortie : 0 tout est parti · 64 aucun serveur de courriel configuré · 65 séance inconnue, passée ou tenue, réservé au secrétariat · 69 un avis au moins n'est pas parti (relancez).
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: .seance) var seance: String
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let outcomes = try await session.notify(seance: seance)
            try CouncilSession.noticeListing(outcomes, in: language).show(json: json)
            if let summary = CouncilSession.noticeSummary(outcomes, seance: seance) {
                warn(summary.text)
                if summary.failed { throw ExitCode(ExitStatus.unreachable.rawValue) }
            }
        }
    }
}

extension MemberCommands {
    struct Email: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "courriel", abstract: "L'adresse où envoyer les avis d'un membre (secrétariat) / where a member's notices go (secretariat).",
            discussion: """
                Gardée chiffrée dans les registres du conseil, jamais vue du serveur relais. / Kept encrypted in the council's records, never seen by the relay.
                Exemples / examples : huisclos membres courriel <id> alice@example.org · huisclos membres courriel <id> --retirer
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant du membre / member id (huisclos membres liste).") var member: String
        @Argument(help: "Adresse / address.") var address: String?
        @Flag(name: .customLong("retirer"), help: "Retirer l'adresse / remove the address.") var remove = false

        func run() async throws {
            guard remove != (address != nil) else {
                throw UsageError(
                    missing: Text(fr: "une adresse ou --retirer", en: "an address or --retirer"),
                    example: "huisclos membres courriel <id> alice@example.org")
            }
            try await CouncilSession.with(device) { session in
                try session.recordEmail(member: member, address: address)
                say(.noticeAddress(address))
            }
        }
    }
}
