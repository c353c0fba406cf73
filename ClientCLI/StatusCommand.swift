import ArgumentParser
import HuisClosClient

/// `huisclos status`: what this device is, per the verified membership log.
struct StatusCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "status", help: StatusHelp.command, aliases: ["etat", "état", "statut"]) }
    @OptionGroup var device: DeviceOptions
    @Flag(help: .json) var json = false

    func run() async throws {
        let status = try await device.open(toSync: true).run { try await $0.status() }
        if json { return try printJSON(status.report) }
        status.lines.forEach(say)
    }
}
