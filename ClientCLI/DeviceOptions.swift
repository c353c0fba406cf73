import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTerminal

/// Where the device lives and how it is unlocked; shared by every device command.
struct DeviceOptions: ParsableArguments {
    @Option(name: [.customLong("appareil"), .customLong("device")], help: .init(CommonHelp.deviceFolder, value: CommonHelp.folderValue))
    var folder: String?

    var url: URL {
        let environment = ProcessInfo.processInfo.environment
        return URL(
            fileURLWithPath: folder ?? environment["HUISCLOS_DEVICE"]
                ?? (environment["HOME"] ?? FileManager.default.currentDirectoryPath) + "/.huisclos")
    }

    /// The passphrase of the existing device in `url`: refused before anything is asked when no
    /// device lives there (`Device.requireFolder`).
    func existingDevicePassphrase() throws -> String {
        try Device.requireFolder(url)
        return try passphrase()
    }

    /// The passphrase from `HUISCLOS_PASSPHRASE` (taken out of the environment), or asked on the terminal without echo.
    func passphrase(_ prompt: Text = Text(fr: "Phrase de passe de l'appareil : ", en: "Device passphrase: ")) throws -> String {
        guard let given = Passphrase.read(prompt: prompt.in(language)), !given.isEmpty else {
            throw UsageError.passphraseMissing()
        }
        return given
    }

    /// The unlocked device as a session of the client layer, on the system clock; `toSync` opens it
    /// past its offline lease. The lease is the library's named limit (`Device.leaseSecondsDefault`),
    /// never the device's environment: whoever holds a lost device must not be able to lengthen it.
    func open(toSync: Bool = false) throws -> ClientSession {
        try ClientSession.open(folder: url, passphrase: { try passphrase() }, toSync: toSync)
    }
}

extension CouncilSession {
    /// Unlocks the device, runs `body` on its council side, and locks it again whatever happens.
    @discardableResult
    static func with<Result: Sendable>(_ options: DeviceOptions, _ body: (CouncilSession) async throws -> Result) async throws -> Result {
        try await options.open().run { try await body(try await $0.councilSession()) }
    }
}

/// A command on the device's council side: `run()` unlocks the device, runs `run(on:)` on its
/// council session, and locks it again whatever happens.
protocol CouncilCommand: AsyncParsableCommand {
    var device: DeviceOptions { get }
    func run(on session: CouncilSession) async throws
}

extension CouncilCommand {
    func run() async throws { try await CouncilSession.with(device) { try await run(on: $0) } }
}
