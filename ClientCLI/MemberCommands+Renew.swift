import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosL10n
import HuisClosTerminal
import HuisClosTrust

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
        @Argument(help: "Identifiant du membre / member id.") var member: String
        @Option(name: .customLong("arrete"), help: "Numéro de l'arrêté de renouvellement / renewal order number.") var order: String
        @Option(help: "Date de l'arrêté (YYYY-MM-DD, aujourd'hui par défaut) / order date.") var date: String?
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runReporting {
                let orderDay = try date.map { try parseDay($0, option: "--date") }
                let id = try MemberID(hex: member)
                try await CouncilSession.with(device) { session in
                    let mandate = try await session.renew(id, orderNumber: order, orderDay: orderDay)
                    if json { return try printJSON(["member": id.hex, "start": mandate.start.iso, "termEnd": mandate.termEnd.iso]) }
                    say(Text(fr: "Mandat de \(session.name(id.hex)) renouvelé (arrêté \(order)) : du \(mandate.start.french) au \(mandate.termEnd.french).",
                             en: "Mandate of \(session.name(id.hex)) renewed (order \(order)): from \(mandate.start.iso) to \(mandate.termEnd.iso)."))
                }
            }
        }
    }
}
