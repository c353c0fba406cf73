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
    static var configuration: CommandConfiguration { .init(commandName: "courriel", help: MailHelp.group, subcommands: [Configure.self, Test.self, Show.self, Invitation.self]) }

    struct Test: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "tester", help: MailHelp.Test.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("a"), help: .init(MailHelp.Test.address)) var address: String?

        func run(on session: CouncilSession) async throws {
            say(try await session.testMail(sendingTo: address))
        }
    }

    struct Configure: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "configurer", help: MailHelp.Configure.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("serveur"), help: .init(MailHelp.Configure.host)) var host: String
        @Option(help: .init(MailHelp.Configure.port)) var port: Int?
        @Option(name: .customLong("securite"), help: .init(MailHelp.Configure.security)) var security = "starttls"
        @Option(name: .customLong("expediteur"), help: .init(MailHelp.Configure.sender)) var sender: String
        @Option(name: .customLong("nom"), help: .init(MailHelp.Configure.senderName)) var senderName = "Secrétariat du conseil"
        @Option(name: .customLong("utilisateur"), help: .init(MailHelp.Configure.username)) var username: String?
        @Option(name: .customLong("autorite"), help: .init(MailHelp.Configure.authority)) var authority: String?

        func run() async throws {
            let mode = try parseChoice(security, option: "--securite", SMTPSettings.Security.typed)
            guard let from = MailAddress(sender) else {
                throw UsageError("--expediteur", sender, accepts: Text(fr: "une adresse nom@domaine.fr", en: "an address name@domain.org"))
            }
            var password: String?
            if username != nil {
                password = Passphrase.read(
                    prompt: Text(fr: "Mot de passe SMTP : ", en: "SMTP password: ").in(language), variable: "HUISCLOS_SMTP_PASSWORD")
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
        static var configuration: CommandConfiguration { .init(commandName: "voir", help: MailHelp.Show.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try await session.mailSettingsListing(in: language).show(json: json)
        }
    }

    struct Invitation: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "invitation", help: MailHelp.Invitation.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(MailHelp.Invitation.choice)) var choice: String

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
        static var configuration: CommandConfiguration { .init(commandName: "notifier", help: SeanceHelp.Notify.command) }
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
        static var configuration: CommandConfiguration { .init(commandName: "courriel", help: MemberHelp.Email.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(MemberHelp.Email.member)) var member: String
        @Argument(help: .init(MemberHelp.Email.address)) var address: String?
        @Flag(name: .customLong("retirer"), help: .init(MemberHelp.Email.remove)) var remove = false

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
