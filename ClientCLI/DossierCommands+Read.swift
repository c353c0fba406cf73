import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosTerminal

extension DossierCommands {
    /// `huisclos dossiers lire`: decrypts a version chunk by chunk from the sealed copy kept in the
    /// replica (fetching only what is missing, when online) to standard output, or to the one path
    /// the member names; nothing decrypted is written anywhere else.
    struct Read: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "lire", help: DossierHelp.Read.command) }
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: .init(DossierHelp.scope)) var scope = "conseil"
        @Option(help: .init(DossierHelp.Read.version)) var version: Int?
        @Option(name: .customLong("sortie"), help: .init(DossierHelp.Read.output)) var output: String?
        @Argument(help: .init(DossierHelp.Read.id)) var id: String

        func run() async throws {
            let scope = try parseScope(self.scope)
            let session = try device.open()
            try await session.device.requireReadable(scope)
            let bars = ProgressBars(quiet: false)
            let chosen = try await session.fetchDossierVersion(id, number: version, in: scope) {
                bars.update(Text(fr: "Réception", en: "Download"), $0, $1)
            }
            bars.finish()
            // On a terminal, a text is shown as what others wrote is (`TerminalText`), whole; anything
            // else goes to a file: its bytes would drive the terminal.
            if output == nil, Console.isTerminal(STDOUT_FILENO) {
                guard chosen.isText else {
                    throw UsageError(
                        invalid: Text(
                            fr:
                                "\(chosen.fileName) (\(chosen.mediaType)) n'est pas un texte : il ne s'affiche pas dans un terminal. Donnez un fichier : huisclos dossiers lire \(id) --sortie <fichier>",
                            en: "\(chosen.fileName) (\(chosen.mediaType)) is not text: it is not shown on a terminal. Give a file: huisclos dossiers lire \(id) --sortie <file>"))
                }
                var text: [UInt8] = []
                if let warning = try await session.readDossierVersion(chosen, in: scope, sink: { text += $0 }) { warn(warning) }
                Console.out(String(decoding: text, as: UTF8.self))
                return try await session.lock()
            }
            if output != nil || !chosen.isText {
                warn(.contentInPlaintext(output))
            }
            let sink = try output.map { try PlaintextFile.create(atPath: $0) } ?? FileHandle.standardOutput
            defer { if output != nil { try? sink.close() } }
            if let warning = try await session.readDossierVersion(chosen, in: scope, sink: { piece in try sink.write(contentsOf: piece) }) {
                warn(warning)
            }
            try await session.lock()
        }
    }
}
