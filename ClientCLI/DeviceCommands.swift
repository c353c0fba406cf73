import ArgumentParser
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTerminal
import HuisClosTrust

/// `huisclos appareils …`: this member's devices, and approving a new one from a device already
/// approved. The secretariat certifies devices; only the member's approval gives a device their keys.
struct DeviceCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "appareils", help: DeviceHelp.group, subcommands: [List.self, Approve.self]) }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: DeviceHelp.List.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run() async throws {
            try await device.open(toSync: true).run { await $0.deviceListing(in: language) }.show(json: json)
        }
    }

    struct Approve: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "approuver", help: DeviceHelp.Approve.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(DeviceHelp.Approve.empreinte)) var empreinte: String

        func run() async throws {
            let fingerprint = try await device.open(toSync: true).run { try await $0.approveDevice(typed: empreinte) }
            say(.deviceApproved("\(fingerprint)"))
        }
    }
}
