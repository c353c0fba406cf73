import ArgumentParser
import HuisClosProtocol

/// `huisclos`: the member's and secretariat's client. Commands only; logic lives in Sources/.
@main
struct HuisClos: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huisclos",
        abstract: "Le dossier confidentiel du conseil, chiffré sur votre appareil.",
        version: HuisClosVersion.product)
}
