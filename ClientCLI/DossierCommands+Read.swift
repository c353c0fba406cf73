import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDossiers
import HuisClosL10n
import HuisClosTerminal

extension DossierCommands {
    /// `huisclos dossiers lire`: decrypts a version chunk by chunk from the sealed copy kept in the
    /// replica (fetching only what is missing, when online) to standard output, or to the one path
    /// the member names; nothing decrypted is written anywhere else.
    struct Read: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lire", abstract: "Lit une version / reads a version.",
            discussion: """
                Les textes s'affichent ; les autres formats vont sur la sortie standard ou dans le fichier --sortie, \
                en clair : un avertissement le rappelle. / Text is printed; other formats go to standard output or to \
                the --sortie file, in plaintext, with a warning.

                La version est lue depuis la copie chiffrée gardée sur l'appareil (hors ligne) ; ce qui manque est reçu d'abord. \
                / The version is read from the sealed copy kept on the device (offline); anything missing is fetched first.

                Exemples / examples: huisclos dossiers lire budget-2027 · huisclos dossiers lire budget-2027 --version 1 --sortie budget.pdf
                """)
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée / scope.") var scope = "council"
        @Option(help: "Version (par défaut la dernière / default the latest).") var version: Int?
        @Option(name: .customLong("sortie"), help: "Fichier de sortie, en clair / output file, plaintext.") var output: String?
        @Argument(help: "Identifiant du dossier / dossier id.") var id: String

        func run() async throws {
            try await runReporting {
                let scope = try DossierCommands.scope(self.scope)
                let session = try device.open()
                try await session.device.requireReadable(scope)
                let bars = ProgressBars(quiet: false)
                let chosen = try await session.fetchDossierVersion(id, number: version, in: scope) {
                    bars.update(Text(fr: "Réception", en: "Download"), $0, $1)
                }
                bars.finish()
                if output != nil || !chosen.isText {
                    Console.error(Text(fr: "Attention : le contenu est écrit en clair hors de l'appareil chiffré (\(output ?? "sortie standard")).",
                                       en: "Warning: the content is written in plaintext outside the encrypted device (\(output ?? "standard output")).").in(language) + "\n")
                }
                let sink = try output.map { try PlaintextFile.create(atPath: $0) } ?? FileHandle.standardOutput
                defer { if output != nil { try? sink.close() } }
                if let warning = try await session.readDossierVersion(chosen, in: scope, sink: { piece in try sink.write(contentsOf: piece) }) {
                    Console.error(warning.in(language) + "\n")
                }
                try await session.lock()
            }
        }
    }
}
