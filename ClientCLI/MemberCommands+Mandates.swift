import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosTrust

extension MemberCommands {
    /// `huisclos membres historique <id> --arrete … --debut … --fin …`: a past mandate as history
    /// (membership log record type 12), checked on the register first (`Register.recordPastMandate`).
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "historique",
            abstract: "Enregistre un mandat antérieur d'un membre (secrétariat) / records a member's past mandate (secretariat).",
            discussion: """
                Exemple / example : huisclos membres historique <id> --arrete 2021-0088 --debut 2021-02-01 --fin 2024-02-01
                Pour un membre nommé avant que le conseil n'utilise HuisClos : le mandat antérieur compte pour la règle \
                « renouvelable une fois » et ne donne aucun accès. Refusé : un mandat non terminé, de plus de 3 ans, ou qui en chevauche un autre.
                For a member appointed before the council used HuisClos: counts for "renewable once", grants no access.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String
        @Option(name: .customLong("arrete"), help: "Numéro de l'arrêté / order number.") var order: String
        @Option(name: .customLong("debut"), help: "Date de l'arrêté, début du mandat (YYYY-MM-DD) / start.") var start: String
        @Option(name: .customLong("fin"), help: "Fin du mandat (YYYY-MM-DD) / end.") var end: String
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
        static let configuration = CommandConfiguration(
            commandName: "renouveler",
            abstract: "Renouvelle le mandat d'un membre (secrétariat) / renews a member's mandate (secretariat).",
            discussion: """
                Exemple / example : huisclos membres renouveler <id> --arrete 2026-0311 --date 2026-03-02
                Même rôle, nom, catégorie et genre ; un mandat en cours prend fin le jour du renouvellement. \
                Refusé : un troisième mandat (mandat renouvelable une fois, mandats antérieurs compris), un 31e membre. \
                Affiche le terme du nouveau mandat. Les appareils du membre restent valides.
                Same role and profile; a running mandate ends on the renewal's day. Prints the new term.
                """)
        @OptionGroup var device: DeviceOptions
        @Argument(help: .member) var member: String
        @Option(name: .customLong("arrete"), help: "Numéro de l'arrêté de renouvellement / renewal order number.") var order: String
        @Option(help: "Date de l'arrêté (YYYY-MM-DD, aujourd'hui par défaut) / order date.") var date: String?
        @Flag(help: .json) var json = false

        func run() async throws {
            let orderDay = try date.map { try parseDay($0, option: "--date") }
            let id = try MemberID(hex: member)
            try await CouncilSession.with(device) { session in
                let mandate = try await session.renew(id, orderNumber: order, orderDay: orderDay)
                if json { return try printJSON(["member": id.hex, "start": mandate.start.iso, "termEnd": mandate.termEnd.iso]) }
                say(.mandateRenewed(session.name(id.hex), order: order, mandate))
            }
        }
    }
}
