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
    static let configuration = CommandConfiguration(
        commandName: "app",
        abstract: "Ouvre l'application locale dans le navigateur / opens the local app in the browser.",
        discussion: """
            Déverrouille l'appareil une fois, puis sert l'application sur 127.0.0.1 seulement et affiche son adresse, \
            qui porte une clé propre à ce lancement : gardez-la pour vous. Le navigateur s'ouvre (xdg-open) sauf avec \
            --no-browser. Après --verrou-minutes sans activité, l'application se verrouille (la clé de l'appareil quitte \
            la mémoire) : relancez alors huisclos app ; la phrase de passe ne se saisit jamais dans le navigateur. \
            Ctrl-C arrête l'application et verrouille l'appareil.
            Pages : Accueil (nouveautés, état, synchroniser), Séances (convocation, ordre du jour, réponse), \
            Dossiers (lecture, téléchargement en clair). Français par défaut ; anglais avec ?lang=en.
            Unlocks the device once, serves the app on 127.0.0.1 only and prints its address, which carries a key of \
            this launch: keep it to yourself. The browser opens (xdg-open) unless --no-browser. After --verrou-minutes \
            idle, the app locks (the device key leaves memory): start huisclos app again; the passphrase is never typed \
            in the browser. Ctrl-C stops it.
            Exemples / examples: huisclos app · huisclos app --port 8470 --no-browser --verrou-minutes 5
            Codes de sortie : 0 · 64 option invalide · 77 appareil non autorisé · 78 phrase de passe manquante.
            """)
    @OptionGroup var device: DeviceOptions
    @Option(name: .customLong("port"), help: "Port sur 127.0.0.1 (par défaut un port libre) / port on 127.0.0.1 (default: any free one).")
    var port = 0
    @Flag(name: .customLong("no-browser"), help: "N'ouvre pas le navigateur / does not open the browser.") var noBrowser = false
    @Option(
        name: .customLong("verrou-minutes"),
        help: "Minutes d'inactivité avant verrouillage (1 à 1440) / idle minutes before locking (1 to 1440).")
    var idleMinutes = LocalAppSettings.idleMinutesDefault

    func run() async throws {
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
