import ArgumentParser
import HuisClosProtocol

/// `huisclos-server`: the secretariat's relay. Configuration and lifecycle only; logic lives in Sources/.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huisclos-server",
        abstract: "Relays and orders the council's encrypted changes; never reads confidential content.",
        version: HuisClosVersion.product,
        subcommands: [Serve.self, Councils.self, Check.self, Backup.self, Restore.self],
        defaultSubcommand: Serve.self)
}
