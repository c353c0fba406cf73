import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosL10n
import HuisClosTerminal
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
        @Argument(help: "Identifiant du membre / member id.") var member: String
        @Option(name: .customLong("arrete"), help: "Numéro de l'arrêté / order number.") var order: String
        @Option(name: .customLong("debut"), help: "Date de l'arrêté, début du mandat (YYYY-MM-DD) / start.") var start: String
        @Option(name: .customLong("fin"), help: "Fin du mandat (YYYY-MM-DD) / end.") var end: String
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        struct Report: Encodable { let member: String; let mandates: Int }

        func run() async throws {
            try await runReporting {
                let (from, to) = (try parseDay(start, option: "--debut"), try parseDay(end, option: "--fin"))
                let id = try MemberID(hex: member)
                try await CouncilSession.with(device) { session in
                    let count = try await session.recordPastMandate(of: id, orderNumber: order, from: from, to: to)
                    if json { return try printJSON(Report(member: id.hex, mandates: count)) }
                    say(Text(fr: "Mandat antérieur de \(session.name(id.hex)) enregistré (arrêté \(order), du \(from.french) au \(to.french)) : \(count) mandat(s) au registre.",
                             en: "Past mandate of \(session.name(id.hex)) recorded (order \(order), \(from.iso) to \(to.iso)): \(count) mandate(s) in the register."))
                }
            }
        }
    }
}
