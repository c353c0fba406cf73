import ArgumentParser
import HuisClosProtocol
import HuisClosTerminal

/// `huisclos-server`: the secretariat's relay. Configuration and lifecycle only; logic lives in Sources/.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huisclos-server",
        abstract:
            "Relaie et ordonne les changements chiffrés du conseil ; ne lit jamais le contenu confidentiel / relays and orders the council's encrypted changes; never reads confidential content.",
        discussion: "Texte en anglais / English text : LANG=en (erreurs / errors). Version : huisclos-server --version.",
        version: HuisClosVersion.product,
        subcommands: [Serve.self, Councils.self, Check.self, Backup.self, Restore.self],
        defaultSubcommand: Serve.self)

    /// Parses and runs the command, reporting a failure through the error model in the operator's language.
    static func main() async { await parseAndRun(in: language) }
}
