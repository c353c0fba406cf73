import ArgumentParser
import Foundation
import HuisClosSync

/// `huisclos sync`: pulls every readable scope into the device's verified mirror; `--watch`
/// keeps a socket open and syncs on every poke.
struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Synchronise avec le serveur / syncs with the server.",
        discussion: "Tant que le moteur de modifications n'est pas livré, la synchronisation tient un miroir vérifié (chiffré par portée) des journaux lisibles ; elle n'envoie rien.")
    @OptionGroup var device: DeviceOptions
    @Flag(help: "Reste connecté et synchronise à chaque notification / stay connected, sync on each poke.")
    var watch = false

    func run() async throws {
        try await runReporting {
            let (_, client) = try device.open()
            let driver = SyncDriver(client: client, store: try MirrorStore(folder: device.url))
            let bar = ProgressBar(Localized(fr: "Réception", en: "Receiving"))
            let progress: @Sendable (SyncProgress) -> Void = { step in
                if case .pulled(_, let cursor, let head) = step { bar.update(done: Int(cursor), total: Int(head)) }
            }
            let summarise: @Sendable (SyncReport) async -> Void = { report in
                bar.finish()
                print(Localized(fr: "Envoyés : \(report.pushed) · reçus : \(report.pulled.applied) · déjà là : \(report.pulled.duplicates) · refusés : \(report.pulled.rejected.count + report.pushRejected.count)",
                                en: "Pushed: \(report.pushed) · received: \(report.pulled.applied) · already held: \(report.pulled.duplicates) · refused: \(report.pulled.rejected.count + report.pushRejected.count)").text())
            }
            if watch {
                try await driver.watchReconnecting(progress: progress, onSync: summarise)
            } else {
                await summarise(try await driver.sync(progress: progress))
            }
        }
    }
}
