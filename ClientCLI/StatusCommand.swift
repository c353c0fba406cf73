import ArgumentParser
import HuisClosClient
import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// `huisclos status`: what this device is, per the verified membership log.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "État de l'appareil / device status.",
        discussion: "Exemple / example: huisclos status --json")
    @OptionGroup var device: DeviceOptions
    @Flag(help: "Sortie JSON / JSON output.") var json = false

    func run() async throws {
        try await runReporting {
            let status = try await device.open(toSync: true).run { try await $0.status() }
            if json { return try printJSON(status.report) }
            status.lines.forEach(say)
        }
    }
}
