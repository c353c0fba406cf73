import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTerminal
import HuisClosWire
import Synchronization

/// `huisclos file put|get`: files sealed with the scope's key on this device, transferred resumably.
struct Files: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file", abstract: "Envoi et réception de fichiers chiffrés / encrypted file transfer.",
        discussion: """
            Le fichier est chiffré sur l'appareil avec la clé de la portée avant l'envoi, et déchiffré après réception.
            The file is sealed with the scope's key on this device before upload, and opened after download.

            Exemples / examples: huisclos file put --id 5f0c --scope council piece.pdf · huisclos file get --id 5f0c piece.pdf
            """,
        subcommands: [Put.self, Get.self])

    /// A progress bar fed from a `@Sendable` callback.
    static func bar(_ label: Text) -> (@Sendable (Int, Int) -> Void, @Sendable () -> Void) {
        let bar = Mutex<ProgressBar?>(nil)
        return ({ done, total in
            bar.withLock { current in
                if current == nil { current = ProgressBar(label: label.in(language), total: Int64(total)) }
                current?.update(Int64(done))
            }
        }, { bar.withLock { $0?.finish() } })
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Envoie (ou reprend) / uploads (or resumes).")
        @OptionGroup var device: DeviceOptions
        @Option(help: "Identifiant du fichier / file id ([0-9a-f-]).") var id: String
        @Option(help: "Portée / scope.") var scope: String
        @Argument(help: "Fichier à envoyer / file to send.") var path: String

        func run() async throws {
            try await runReporting {
                let opened = try device.unlock()
                let (update, finish) = Files.bar(Text(fr: "Envoi", en: "Upload"))
                try await opened.putFile(URL(fileURLWithPath: path), id: try FileID(id), scope: try ScopeID(scope), progress: update)
                finish()
                try await opened.lock()
                say(Text(fr: "Fichier chiffré et envoyé.", en: "File sealed and sent."))
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reçoit (ou reprend) / downloads (or resumes).")
        @OptionGroup var device: DeviceOptions
        @Option(help: "Identifiant du fichier / file id.") var id: String
        @Argument(help: "Destination.") var path: String

        func run() async throws {
            try await runReporting {
                let opened = try device.unlock()
                let (update, finish) = Files.bar(Text(fr: "Réception", en: "Download"))
                try await opened.getFile(try FileID(id), to: URL(fileURLWithPath: path), progress: update)
                finish()
                try await opened.lock()
                say(Text(fr: "Fichier reçu et déchiffré.", en: "File received and opened."))
            }
        }
    }
}
