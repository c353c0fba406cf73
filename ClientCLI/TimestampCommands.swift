import ArgumentParser
import HuisClosClient
import HuisClosL10n

/// `huisclos horodatage …`: the council's RFC 3161 time-stamping authority, configured once.
struct TimestampCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "horodatage",
        abstract: "L'autorité d'horodatage RFC 3161 du conseil / the council's RFC 3161 time-stamping authority.",
        discussion: """
            Le secrétariat la configure une fois ; ses jetons horodatent convocations, accusés de réception et de lecture \
            (huisclos seances horodater), et chaque appareil les vérifie hors ligne contre la racine enregistrée.
            The secretariat configures it once; its tokens time-stamp convocations, receipts and readings \
            (huisclos seances horodater), and every device verifies them offline against the recorded root.
            Exemple / example : huisclos horodatage configurer --url https://tsa.example.org/tsr --racine racine-tsa.pem
            """,
        subcommands: [Configure.self, Show.self])

    struct Configure: CouncilCommand {
        static let configuration = CommandConfiguration(
            commandName: "configurer", abstract: "Enregistre l'autorité et sa racine (secrétariat) / records the authority and its root (secretariat).",
            discussion: """
                Exemple / example : huisclos horodatage configurer --url https://tsa.example.org/tsr --racine racine-tsa.pem && huisclos sync
                Codes de sortie : 0 · 64 adresse ou certificat illisible · 65 réservé au secrétariat.
                """)
        @OptionGroup var device: DeviceOptions
        @Option(help: "Adresse de l'autorité (http ou https) / the authority's URL.") var url: String
        @Option(name: .customLong("racine"), help: "Certificat(s) racine PEM auxquels ses jetons doivent se rattacher / PEM root certificate(s) its tokens must chain to.")
        var root: String

        func run(on session: CouncilSession) async throws {
            try session.configureTimestamping(url: url, rootFile: root)
            say(
                Text(
                    fr: "Autorité d'horodatage enregistrée pour le conseil : \(url). Synchronisez (huisclos sync) : chaque appareil vérifiera les jetons contre cette racine.",
                    en: "Time-stamping authority recorded for the council: \(url). Sync (huisclos sync): every device will verify tokens against this root."))
        }
    }

    struct Show: CouncilCommand {
        static let configuration = CommandConfiguration(commandName: "voir", abstract: "L'autorité configurée / the configured authority.")
        @OptionGroup var device: DeviceOptions

        func run(on session: CouncilSession) async throws {
            let authority = try session.timestampAuthorityDescription()
            say(
                Text(
                    fr: "Autorité : \(authority.url) ; racine(s) : \(authority.roots.joined(separator: " ; "))",
                    en: "Authority: \(authority.url); root(s): \(authority.roots.joined(separator: "; "))"))
        }
    }
}
