import ArgumentParser
import HuisClosClient
import HuisClosL10n

/// `huisclos horodatage …`: the council's RFC 3161 time-stamping authority, configured once.
struct TimestampCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "horodatage", help: TimestampHelp.group, subcommands: [Configure.self, Show.self]) }

    struct Configure: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "configurer", help: TimestampHelp.Configure.command) }
        @OptionGroup var device: DeviceOptions
        @Option(help: .init(TimestampHelp.Configure.url)) var url: String
        @Option(name: .customLong("racine"), help: .init(TimestampHelp.Configure.root))
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
        static var configuration: CommandConfiguration { .init(commandName: "voir", help: TimestampHelp.Show.command) }
        @OptionGroup var device: DeviceOptions

        func run(on session: CouncilSession) async throws {
            guard let authority = try session.timestampAuthorityDescription() else {
                return say(
                    Text(
                        fr: "Aucune autorité d'horodatage n'est configurée pour le conseil : huisclos horodatage configurer --url <adresse> --racine <fichier PEM>.",
                        en: "No time-stamping authority is configured for the council: huisclos horodatage configurer --url <address> --racine <PEM file>."))
            }
            say(
                Text(
                    fr: "Autorité : \(authority.url) ; racine(s) : \(authority.roots.joined(separator: " ; "))",
                    en: "Authority: \(authority.url); root(s): \(authority.roots.joined(separator: "; "))"))
        }
    }
}
