import ArgumentParser
import Foundation
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTerminal

/// `huisclos dossiers ajouter|liste|lire|chercher`: the council's dossiers, sealed on this device,
/// read offline from the encrypted replica and the relay's sealed copies.
struct Dossiers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossiers", abstract: "Dossiers du conseil et des groupes / council and group dossiers.",
        discussion: """
            Le fichier est chiffré sur l'appareil avant l'envoi ; sa clé ne voyage que dans les lots chiffrés de la portée.
            The file is sealed on this device before upload; its key travels only in the scope's sealed batches.

            Exemples / examples:
              huisclos dossiers ajouter --portee council --titre "Budget 2027" budget.pdf
              huisclos dossiers ajouter --portee council --id budget-2027 budget-v2.pdf
              huisclos dossiers liste --json
              huisclos dossiers lire budget-2027 --version 1 --sortie budget.pdf
              huisclos dossiers chercher "mobilité douce"
            """,
        subcommands: [Add.self, List.self, Read.self, Search.self])

    /// The scope named on the command line (`council`, `group:<nom>`, `hearing:<id>`).
    /// Version `number` (or the latest) of `dossier` in `library`, or a `notFound` failure saying what to do.
    static func version(of dossier: String, number: Int?, in library: DossierLibrary) throws -> DossierVersion {
        guard let found = try library.dossier(dossier) else {
            throw DossierError(.notFound, "no dossier '\(dossier)' in \(library.scope.rawValue) on this device: sync, then see huisclos dossiers liste")
        }
        guard let chosen = number.map({ n in found.versions.first { $0.number == n } }) ?? found.latest else {
            throw DossierError(.notFound, "dossier '\(dossier)' has no version \(number.map(String.init) ?? ""): see huisclos dossiers liste")
        }
        return chosen
    }

    static func scope(_ name: String) throws -> ScopeID {
        do { return try ScopeID(name) } catch {
            throw ValidationError(Text(fr: "portée invalide « \(name) » : council, group:<nom> ou hearing:<id>",
                                       en: "invalid scope '\(name)': council, group:<name> or hearing:<id>").in(language))
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ajouter", abstract: "Ajoute un dossier ou une nouvelle version / adds a dossier or a new version.")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée / scope: council, group:<nom>.") var scope = "council"
        @Option(help: "Identifiant du dossier (nouvelle version s'il existe) / dossier id (new version if it exists).") var id: String?
        @Option(name: .customLong("titre"), help: "Titre / title (par défaut le nom du fichier / default the file name).") var title: String?
        @Option(name: .customLong("rattache-a"), help: "Séance ou avis de rattachement / attached séance or avis.") var attachedTo = ""
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Argument(help: "Fichier / file.") var path: String

        func run() async throws {
            try await runDossier {
                let scope = try Dossiers.scope(self.scope)
                let source = URL(fileURLWithPath: path)
                let size = (try FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int) ?? 0
                guard size <= DossierLimits.fileBytesMax else {
                    throw DossierError(.tooLarge, "\(source.lastPathComponent) exceeds \(DossierLimits.fileBytesMax / 1_048_576) MiB")
                }
                let content = [UInt8](try Data(contentsOf: source))
                let opened = try device.unlock()
                let library = DossierLibrary(store: opened.store, scope: scope)
                let id = self.id ?? DossierMedia.identifier(from: source.deletingPathExtension().lastPathComponent)
                let title = try self.title ?? library.dossier(id)?.title ?? source.deletingPathExtension().lastPathComponent
                let transfer = SealedFileTransfer(client: opened.relayClient)
                let version = try await library.addVersion(
                    of: id, title: title, attachedTo: attachedTo, fileName: source.lastPathComponent,
                    mediaType: DossierMedia.type(of: source), content: content,
                    upload: { sealed, fileID in try await transfer.upload(sealed, id: fileID, scope: scope) })
                _ = try await opened.sync()
                try await opened.lock()
                if json { return try printJSON(DossierMedia.Listed(version: version, title: title, scope: scope, seen: true)) }
                say(Text(fr: "Dossier \(id), version \(version.number) : chiffré, envoyé et synchronisé.",
                         en: "Dossier \(id), version \(version.number): sealed, sent and synced."))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Liste les dossiers et leurs versions / lists dossiers and their versions.",
            discussion: "Une version marquée « nouveau » n'a pas encore été lue sur cet appareil. / 'new' marks a version not yet read on this device.")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée / scope.") var scope = "council"
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runDossier {
                let scope = try Dossiers.scope(self.scope)
                let opened = try device.unlock()
                let library = DossierLibrary(store: opened.store, scope: scope)
                let unseen = Set(try library.unseenVersions().map { "\($0.dossier).v\($0.number)" })
                let listed = try library.list().flatMap { dossier in
                    dossier.versions.map { DossierMedia.Listed(version: $0, title: dossier.title, scope: scope,
                                                               seen: !unseen.contains("\($0.dossier).v\($0.number)")) }
                }
                try await opened.lock()
                if json { return try printJSON(listed) }
                var table = Table(headers: [Text(fr: "Dossier", en: "Dossier"), Text(fr: "Version", en: "Version"), Text(fr: "Titre", en: "Title"),
                                            Text(fr: "Fichier", en: "File"), Text(fr: "Taille", en: "Size"), Text(fr: "Nouveau", en: "New")].map { $0.in(language) })
                for item in listed {
                    table.append([item.dossier, String(item.version), item.title, item.fileName, String(item.size),
                                  item.seen ? "" : Text(fr: "nouveau", en: "new").in(language)])
                }
                Console.out(table.render())
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chercher", abstract: "Recherche plein texte dans l'appareil / full-text search on this device.",
            discussion: "Cherche dans les versions texte ajoutées ou lues sur cet appareil. / Searches text versions added or read on this device.")
        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Argument(help: "Mots / words.") var words: String

        struct Found: Encodable { let dossier: String; let version: Int; let title: String; let snippet: String }

        func run() async throws {
            try await runDossier {
                let opened = try device.unlock()
                let hits = try DossierIndex(database: opened.store.database).search(words)
                try await opened.lock()
                let found = hits.map { Found(dossier: $0.dossier, version: $0.version, title: $0.title, snippet: $0.snippet) }
                if json { return try printJSON(found) }
                var table = Table(headers: [Text(fr: "Dossier", en: "Dossier"), Text(fr: "Version", en: "Version"),
                                            Text(fr: "Titre", en: "Title"), Text(fr: "Extrait", en: "Excerpt")].map { $0.in(language) })
                for hit in found { table.append([hit.dossier, String(hit.version), hit.title, hit.snippet]) }
                Console.out(table.render())
            }
        }
    }
}

/// Runs a dossier command body: dossier failures get their exit status, the rest as every command.
func runDossier(_ body: () async throws -> Void) async throws {
    try await runReporting {
        do {
            try await body()
        } catch let error as DossierError {
            let status: ExitStatus = switch error.code {
            case .integrity: .dataRefused
            case .forbidden: .notAllowed
            case .notFound, .invalidArgument, .wrongState, .tooLarge: .usage
            }
            Console.error(Text(fr: "Erreur (\(error.code.rawValue)) : \(error.message)", en: "Error (\(error.code.rawValue)): \(error.message)").in(language) + "\n")
            throw ExitCode(status.rawValue)
        }
    }
}
