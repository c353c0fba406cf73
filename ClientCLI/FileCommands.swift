import ArgumentParser
import Foundation
import HuisClosProtocol
import HuisClosSync
import HuisClosWire

/// `huisclos file put|get`: resumable transfer of an already-encrypted file.
struct Files: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file", abstract: "Envoi et réception de fichiers chiffrés / encrypted file transfer.",
        subcommands: [Put.self, Get.self])

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Envoie (ou reprend) / uploads (or resumes).")
        @OptionGroup var device: DeviceOptions
        @Option(help: "Identifiant du fichier / file id ([0-9a-f-]).")
        var id: String
        @Option(help: "Portée / scope.")
        var scope: String
        @Argument(help: "Fichier chiffré / encrypted file.")
        var path: String

        func run() async throws {
            try await runReporting {
                let (_, client) = try device.open()
                let bar = ProgressBar(Localized(fr: "Envoi", en: "Upload"))
                let sent = try await FileTransfer(client: client).upload(
                    URL(fileURLWithPath: path), id: try FileID(id), scope: try ScopeID(scope)) { bar.update(done: $0, total: $1) }
                bar.finish()
                print(Localized(fr: "\(sent) morceaux envoyés.", en: "\(sent) chunks sent.").text())
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reçoit (ou reprend) / downloads (or resumes).")
        @OptionGroup var device: DeviceOptions
        @Option(help: "Identifiant du fichier / file id.")
        var id: String
        @Argument(help: "Destination.")
        var path: String

        func run() async throws {
            try await runReporting {
                let (_, client) = try device.open()
                let bar = ProgressBar(Localized(fr: "Réception", en: "Download"))
                let fetched = try await FileTransfer(client: client).download(try FileID(id), to: URL(fileURLWithPath: path)) {
                    bar.update(done: $0, total: $1)
                }
                bar.finish()
                print(Localized(fr: "\(fetched) morceaux reçus.", en: "\(fetched) chunks received.").text())
            }
        }
    }
}
