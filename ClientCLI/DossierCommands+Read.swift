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
