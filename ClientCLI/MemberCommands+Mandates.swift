import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosTrust

extension MemberCommands {
    /// `huisclos membres historique <id> --arrete … --debut … --fin …`: a past mandate as history
    /// (membership log record type 12), checked on the register first (`Register.recordPastMandate`).
    struct History: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "historique", help: MemberHelp.History.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String
        @Option(name: .customLong("arrete"), help: .init(MemberHelp.order)) var order: String
        @Option(name: .customLong("debut"), help: .init(MemberHelp.History.start)) var start: String
        @Option(name: .customLong("fin"), help: .init(MemberHelp.History.end)) var end: String
        @Flag(help: .json) var json = false

        struct Report: Encodable { let member: String; let mandates: Int }

        func run() async throws {
            let (from, to) = (try parseDay(start, option: "--debut"), try parseDay(end, option: "--fin"))
            let id = try MemberID(hex: member)
            try await CouncilSession.with(device) { session in
                let count = try await session.recordPastMandate(of: id, orderNumber: order, from: from, to: to)
                if json { return try printJSON(Report(member: id.hex, mandates: count)) }
                say(.pastMandateRecorded(session.name(id.hex), order: order, from: from, to: to, count: count))
            }
        }
    }
}

extension MemberCommands {
    /// `huisclos membres renouveler <id> --arrete …`: a renewal in one step (`Device.renewMandate`).
    struct Renew: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "renouveler", help: MemberHelp.Renew.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String
        @Option(name: .customLong("arrete"), help: .init(MemberHelp.Renew.order)) var order: String
        @Option(help: .init(MemberHelp.Renew.date)) var date: String?
        @Flag(name: .customLong("anticipe"), help: .init(MemberHelp.Renew.early)) var early = false
        @Flag(name: [.customLong("presidence"), .customLong("présidence")], help: .init(MemberHelp.Renew.presidency)) var asPresident = false
        @Flag(help: .json) var json = false

        func run() async throws {
            let orderDay = try date.map { try parseDay($0, option: "--date") }
            let id = try MemberID(hex: member)
            try await CouncilSession.with(device) { session in
                let renewal = try await session.renew(id, orderNumber: order, orderDay: orderDay, early: early, asPresident: asPresident)
                if json { return try printJSON(["member": id.hex, "start": renewal.mandate.start.iso, "termEnd": renewal.mandate.termEnd.iso]) }
                say(.mandateRenewed(session.name(id.hex), order: order, renewal))
            }
        }
    }
}
