import ArgumentParser
import Foundation
import HuisClosApp
import HuisClosClient
import HuisClosEngine
import HuisClosL10n
import HuisClosTerminal
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// `huisclos app`: unlocks the device once and serves the local web interface on 127.0.0.1.
struct AppCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "app", help: AppHelp.command) }
    @OptionGroup var device: DeviceOptions
    @Option(name: .customLong("port"), help: .init(AppHelp.port))
    var port: Int?
    @Flag(name: [.customLong("sans-navigateur"), .customLong("no-browser")], help: .init(AppHelp.noBrowser)) var noBrowser = false
    @Option(
        name: .customLong("verrou-minutes"),
        help: .init(AppHelp.idleMinutes))
    var idleMinutes = LocalAppSettings.idleMinutesDefault
    @Flag(name: .customLong("installer-raccourci"), help: .init(AppHelp.installShortcut)) var installShortcut = false

    func run() async throws {
        if installShortcut {
            let file = try DesktopEntry.forThisExecutable(deviceFolder: device.url).install(environment: ProcessInfo.processInfo.environment)
            return say(
                Text(
                    fr: "Raccourci « HuisClos » ajouté au menu des applications : \(file.path)",
                    en: "Shortcut « HuisClos » added to the applications menu: \(file.path)"))
        }
        let port = port ?? 0
        guard (0...65_535).contains(port) else {
            throw UsageError("--port", "\(port)", accepts: Text(fr: "un port de 0 à 65535 (0 : un port libre)", en: "a port from 0 to 65535 (0: any free one)"))
        }
        guard (1...1_440).contains(idleMinutes) else {
            throw UsageError("--verrou-minutes", "\(idleMinutes)", accepts: Text(fr: "de 1 à 1440 minutes", en: "1 to 1440 minutes"))
        }
        let app = try LocalApp(
            session: try device.open(),
            settings: LocalAppSettings(port: port, idleMinutes: idleMinutes, language: language), clock: SystemWallClock())
        // No log at all: a request line would carry the launch secret.
        let logger = Logger(label: "huisclos-app") { _ in SwiftLogNoOpLogHandler() }
        let browser = BrowserPage()
        let noBrowser = self.noBrowser
        let service = app.application(logger: logger) { url in
            say(
                Text(
                    fr: "Application HuisClos : \(url)\nGardez cette adresse pour vous. Ctrl-C arrête l'application.",
                    en: "HuisClos app: \(url)\nKeep this address to yourself. Ctrl-C stops the app."))
            guard !noBrowser else { return }
            let (launcher, problem) = BrowserLauncher.open(url, environment: ProcessInfo.processInfo.environment)
            browser.keep(launcher)
            if let problem { warn(problem) }
        }
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            browser.remove()
            try? await app.lock()
            throw error
        }
        browser.remove()
        try await app.lock()
    }
}

/// The browser's redirect page of this run, removed when the app stops.
private final class BrowserPage: Sendable {
    private let launcher = Mutex<BrowserLauncher?>(nil)

    func keep(_ value: BrowserLauncher?) { launcher.withLock { $0 = value } }

    func remove() { launcher.withLock { $0?.remove() } }
}
