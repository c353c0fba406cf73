import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTerminal
import HuisClosTrust

/// `huisclos membres …`: the register, from the verified membership log and the council's profiles.
struct MemberCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(
            commandName: "membres", help: MemberHelp.group,
            subcommands: [
                List.self, Appoint.self, Import.self, Renew.self, History.self, Email.self, ProposeVicePresident.self, Composition.self, EndMandate.self, DeclareResigned.self,
            ])
    }

    struct List: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: MemberHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            try session.memberListing(in: language).show(json: json)
            // Warnings on standard error, so `--json` stays a clean listing; the missing proposal only in the table.
            show(session.registerWarnings.filter { if case .info = $0 { !json } else { true } })
        }
    }

    struct Appoint: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "nommer", help: MemberHelp.Appoint.command) }
        @OptionGroup var device: DeviceOptions
        @Option(help: .init(MemberHelp.Appoint.role)) var role: String?
        @Option(name: .customLong("membre"), help: .init(MemberHelp.Appoint.member)) var member: String?
        @Option(name: .customLong("nom"), help: .init(MemberHelp.Appoint.name)) var name: String?
        @Option(name: .customLong("categorie"), help: .init(MemberHelp.Appoint.category))
        var category: String?
        @Option(name: .customLong("genre"), help: .init(MemberHelp.Appoint.gender)) var gender: String?
        @Option(name: .customLong("arrete"), help: .init(MemberHelp.order)) var order: String
        @Option(help: .init(MemberHelp.Appoint.date)) var date: String?
        @Flag(name: .customLong("homonyme"), help: .init(MemberHelp.Appoint.namesake)) var namesake = false
        @Flag(help: .json) var json = false

        func run() async throws {
            let orderDay = try date.map { try parseDay($0, option: "--date") }
            let role = try parseChoice(role ?? "membre", option: "--role", Role.typed, keywords: Role.keywords)
            if role == .vicePresident { return try await appointVicePresident(orderDay) }
            guard let name, let categoryWord = category else {
                let missing = [name == nil ? "--nom" : nil, category == nil ? "--categorie" : nil].compactMap(\.self)
                throw UsageError(
                    missing: Text(fr: missing.joined(separator: " et "), en: missing.joined(separator: " and ")),
                    example: "huisclos membres nommer --nom \"Alice Martin\" --categorie recherche --arrete 2026-0142")
            }
            let category: Member.Category = try parseTyped(categoryWord, option: "--categorie")
            let gender: Member.Gender? = try gender.map { try parseTyped($0, option: "--genre") }
            let given = try member.map { try MemberID(hex: $0) }
            let (id, term) = try await CouncilSession.with(device) { session in
                try await session.appoint(given, name: name, category: category, gender: gender, role: role, orderNumber: order, orderDay: orderDay, namesake: namesake)
            }
            if json { return try printJSON(["member": id.hex, "termEnd": term.iso]) }
            say(.appointed(name, id: id.hex, until: term, gender: gender))
        }

        /// Records the vice-presidency on the member's running mandate (no log record, no new
        /// mandate): refused for someone not sitting in the first circle, or without the
        /// president's proposal (`Register.appointVicePresident`).
        private func appointVicePresident(_ orderDay: Day?) async throws {
            guard let member else {
                throw UsageError(
                    missing: Text(fr: "--membre (l'identifiant du membre en fonction)", en: "--membre (the sitting member's id)"),
                    example: "huisclos membres nommer --role vicePresident --membre <id> --arrete 2026-0150")
            }
            let memberID = try MemberID(hex: member), id = memberID.hex
            try await CouncilSession.with(device) { session in
                let end = try await session.appointVicePresident(memberID, orderNumber: order, orderDay: orderDay)
                if json { return try printJSON(["member": id, "role": "vicePresident"]) }
                say(.vicePresidentAppointed(session.name(id), until: end))
            }
        }
    }

    struct ProposeVicePresident: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "proposer-vp", help: MemberHelp.ProposeVicePresident.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String

        func run(on session: CouncilSession) async throws {
            // Only the president proposes: CouncilWriteRules refuses anyone else, in these words.
            try await session.proposeVicePresident(try MemberID(hex: member))
            say(.vicePresidentProposed(session.name(member)))
        }
    }

    struct Composition: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "composition", help: MemberHelp.Composition.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let (listing, womenPercent) = session.compositionListing(in: language)
            try listing.show(json: json)
            if !json, let share = womenPercent {
                say(.parity(share))
            }
        }
    }

    struct EndMandate: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "fin-mandat", help: MemberHelp.EndMandate.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String
        @Option(name: .customLong("motif"), help: .init(MemberHelp.EndMandate.reason)) var reason: String?

        func run() async throws {
            // No default: ending a mandate cannot be undone, so the reason is said, not assumed.
            guard let reason else {
                throw UsageError(
                    missing: Text(fr: "--motif (terme ou démission)", en: "--motif (term or resignation)"),
                    example: "huisclos membres fin-mandat \(member) --motif démission")
            }
            let ending = try parseChoice(reason, option: "--motif", MandateEndReason.typed, keywords: MandateEndReason.keywords)
            let id = try MemberID(hex: member)
            try await CouncilSession.with(device) { session in
                let term = try await session.endMandate(id, reason: ending)
                say(.mandateEnded(session.name(member), term: term, on: session.today))
            }
        }
    }

    struct DeclareResigned: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "declarer-demission", help: MemberHelp.DeclareResigned.command, aliases: ["déclarer-démission"]) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String

        func run(on session: CouncilSession) async throws {
            let id = try MemberID(hex: member)
            try await session.declareResigned(id)
            say(.declaredResigned(session.name(id.hex)))
        }
    }
}
