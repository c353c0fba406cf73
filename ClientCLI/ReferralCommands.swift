import ArgumentParser
import HuisClosClient
import HuisClosL10n
import HuisClosPublication
import HuisClosTerminal

/// `huisclos saisines recevoir|liste|repondre`: referrals by the departmental president, or
/// self-referrals, from receipt to the avis that answers them.
struct ReferralCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "saisines", help: ReferralHelp.group, subcommands: [Receive.self, List.self, Answer.self]) }

    struct Receive: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "recevoir", help: ReferralHelp.Receive.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("objet"), help: .init(ReferralHelp.Receive.subject)) var subject: String
        @Option(name: .customLong("origine"), help: .init(ReferralHelp.Receive.origin)) var origin: String
        @Option(name: .customLong("date"), help: .init(ReferralHelp.Receive.date)) var date: String
        @Argument(help: .init(ReferralHelp.Receive.id)) var id: String

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
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: ReferralHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run() async throws {
            try await device.open().run { try $0.referralListing(in: language) }.show(json: json)
        }
    }

    struct Answer: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "repondre", help: ReferralHelp.Answer.command, aliases: ["répondre"]) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("avis"), help: .init(ReferralHelp.Answer.avis)) var avis: String
        @Argument(help: .init(ReferralHelp.Answer.id)) var id: String

        func run(on session: CouncilSession) async throws {
            try await session.answerReferral(id, with: avis)
            say(.referralAnswered(id, by: avis))
        }
    }
}
