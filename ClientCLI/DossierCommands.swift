import ArgumentParser
import Foundation
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTerminal
import HuisClosWire

/// `huisclos dossiers ajouter|liste|lire|chercher`: the council's dossiers, sealed on this device,
/// read offline from the encrypted replica and the relay's sealed copies.
struct Dossiers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossiers", abstract: "Dossiers du conseil et des groupes / council and group dossiers.",
        discussion: """
            Le fichier est chiffré sur l'appareil avant l'envoi ; sa clé ne voyage que dans les lots chiffrés de la portée. \
            La synchronisation garde une copie chiffrée de chaque version lisible dans l'appareil : lecture et recherche hors ligne. \
            Un envoi coupé reprend au prochain « ajouter » ou « sync », sans renvoyer les morceaux déjà reçus.
            The file is sealed on this device before upload; its key travels only in the scope's sealed batches. \
            Sync keeps a sealed copy of every readable version in the device: reading and search work offline. \
            A cut upload resumes at the next "ajouter" or "sync", without sending stored chunks again.

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
                let opened = try device.unlock()
                let library = DossierLibrary(store: opened.store, scope: scope)
                let id = self.id ?? DossierMedia.identifier(from: source.deletingPathExtension().lastPathComponent)
                let title = try self.title ?? library.dossier(id)?.title ?? source.deletingPathExtension().lastPathComponent
                _ = try await DossierSync.resumeUploads(opened, quiet: json)
                let transfer = SealedFileTransfer(client: opened.relayClient)
                let (update, finish) = DossierSync.bar(Text(fr: "Envoi", en: "Upload"), quiet: json)
                let version: DossierVersion
                do {
                    version = try await library.addVersion(
                        of: id, title: title, attachedTo: attachedTo, fileName: source.lastPathComponent,
                        mediaType: DossierMedia.type(of: source), content: .file(source),
                        upload: { fileID, cache in try await transfer.upload(fileID, scope: scope, from: cache, progress: update) })
                    finish()
                } catch let error as APIError {
                    finish()
                    Console.error(Text(fr: "L'envoi est interrompu ; il reprendra au prochain « huisclos sync » sans renvoyer ce que le serveur a déjà.",
                                       en: "The upload was interrupted; it resumes at the next 'huisclos sync' without resending what the server already holds.").in(language) + "\n")
                    throw error
                }
                _ = try await opened.sync()
                try await opened.lock()
                if json { return try printJSON(DossierMedia.Listed(version: version, title: title, scope: scope, seen: true, offline: true)) }
                say(Text(fr: "Dossier \(id), version \(version.number) : chiffré, envoyé et synchronisé.",
                         en: "Dossier \(id), version \(version.number): sealed, sent and synced."))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Liste les dossiers et leurs versions / lists dossiers and their versions.",
            discussion: """
                Une version marquée « nouveau » n'a pas encore été lue sur cet appareil ; « hors ligne : oui », son contenu y est déjà. \
                / 'new' marks a version not yet read on this device; 'offline: yes', its content is already on it.
                """)
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
                    try dossier.versions.map { DossierMedia.Listed(version: $0, title: dossier.title, scope: scope,
                                                                   seen: !unseen.contains("\($0.dossier).v\($0.number)"),
                                                                   offline: try library.isHeld($0)) }
                }
                try await opened.lock()
                if json { return try printJSON(listed) }
                var table = Table(headers: [Text(fr: "Dossier", en: "Dossier"), Text(fr: "Version", en: "Version"), Text(fr: "Titre", en: "Title"),
                                            Text(fr: "Fichier", en: "File"), Text(fr: "Taille", en: "Size"), Text(fr: "Hors ligne", en: "Offline"),
                                            Text(fr: "Nouveau", en: "New")].map { $0.in(language) })
                for item in listed {
                    table.append([item.dossier, String(item.version), item.title, item.fileName, String(item.size),
                                  item.offline ? Text(fr: "oui", en: "yes").in(language) : Text(fr: "non", en: "no").in(language),
                                  item.seen ? "" : Text(fr: "nouveau", en: "new").in(language)])
                }
                Console.out(table.render() + "\n")
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "chercher", abstract: "Recherche plein texte dans l'appareil / full-text search on this device.",
            discussion: """
                Cherche, hors ligne, dans toutes les versions texte que cet appareil peut lire (leur contenu arrive à la synchronisation). \
                / Searches, offline, every text version this device can read (their content arrives at sync).
                """)
        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Argument(help: "Mots / words.") var words: String

        struct Found: Encodable { let scope: String; let dossier: String; let version: Int; let title: String; let snippet: String }

        func run() async throws {
            try await runDossier {
                let opened = try device.unlock()
                // Only what the log lets this device read now: an ended access hides its content before the next sync drops it.
                let readable = Set(await opened.readableScopes.map(\.rawValue))
                let hits = try DossierIndex(database: opened.store.database).search(words).filter { readable.contains($0.scope) }
                try await opened.lock()
                let found = hits.map { Found(scope: $0.scope, dossier: $0.dossier, version: $0.version, title: $0.title, snippet: $0.snippet) }
                if json { return try printJSON(found) }
                var table = Table(headers: [Text(fr: "Portée", en: "Scope"), Text(fr: "Dossier", en: "Dossier"), Text(fr: "Version", en: "Version"),
                                            Text(fr: "Titre", en: "Title"), Text(fr: "Extrait", en: "Excerpt")].map { $0.in(language) })
                // A snippet may span lines of the text: one table row each.
                for hit in found {
                    table.append([hit.scope, hit.dossier, String(hit.version), hit.title,
                                  hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " ")])
                }
                Console.out(table.render() + "\n")
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
            case .notFetched: .unreachable
            }
            Console.error(Text(fr: "Erreur (\(error.code.rawValue)) : \(error.text.french)", en: "Error (\(error.code.rawValue)): \(error.text.english)").in(language) + "\n")
            throw ExitCode(status.rawValue)
        } catch let error as ScopeNotReadable {
            Console.error(Text(
                fr: "Erreur (notAuthorised) : cet appareil ne peut pas lire la portée \(error.scope) : le registre signé ne la lui ouvre pas ou plus (groupe dont il n'est pas membre, audition échue, fin de mandat). Demandez au secrétariat si c'est une erreur.",
                en: "Error (notAuthorised): this device may not read scope \(error.scope): the signed log does not (or no longer) open it to it (group it is not in, expired hearing, ended mandate). Ask the secretariat if this is a mistake.").in(language) + "\n")
            throw ExitCode(ExitStatus.notAllowed.rawValue)
        }
    }
}

/// The verified log does not let this device read `scope` now (exit 77).
struct ScopeNotReadable: Error {
    let scope: String
}
