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

    /// Parses and runs the command as ArgumentParser's own `main` does, but reports a failure
    /// through the error model, in the operator's language.
    static func main() async {
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            reportAndExit(error)
        }
    }
}
