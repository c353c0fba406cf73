import ArgumentParser
import HuisClosClient

/// `huisclos auditions ouvrir|clore|liste`: a qualified person heard by the council, enrolled as a
/// guest with read access to one dossier until an expiry.
struct HearingCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "auditions", help: HearingHelp.group, subcommands: [Open.self, Close.self, List.self]) }

    struct Open: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "ouvrir", help: HearingHelp.Open.command) }
        @OptionGroup var device: DeviceOptions
        @OptionGroup var token: AdminCommands.Token
        @Option(name: .customLong("invite"), help: .init(HearingHelp.Open.guestName)) var guestName: String
        @Option(name: .customLong("dossier"), help: .init(HearingHelp.Open.dossier)) var dossier: String
        @Option(name: .customLong("jusqu-au"), help: .init(HearingHelp.Open.until)) var until: String
        @Option(name: .customLong("arrete"), help: .init(HearingHelp.Open.order)) var order: String?
        @Flag(help: .json) var json = false
        @Argument(help: .init(HearingHelp.id)) var id: String

        func run() async throws {
            let expiry = try parseExpiry(until, option: "--jusqu-au")
            let opened = try await device.open().run {
                try await $0.openHearing(id, guestName: guestName, dossier: dossier, until: expiry, order: order, adminToken: token.value)
            }
            if json { return try printJSON(opened) }
            opened.lines(dossier: dossier).forEach(say)
        }
    }

    struct Close: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "clore", help: HearingHelp.Close.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(HearingHelp.id)) var id: String

        func run() async throws {
            let already = try await device.open().run { try await $0.closeHearing(id) }
            say(.hearingClosed(id, already: already))
        }
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "liste", help: HearingHelp.List.command) }

        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run() async throws {
            try await device.open().run { try $0.hearingListing(in: language) }.show(json: json)
        }
    }
}
