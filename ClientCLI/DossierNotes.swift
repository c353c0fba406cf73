import ArgumentParser
import Foundation
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosTerminal
import HuisClosTrust

/// `huisclos notes ajouter|liste`: private notes (the member's own scope, which not even the
/// secretariat can read) or notes shared with a working group, on a dossier version.
struct Notes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notes", abstract: "Notes sur les dossiers / notes on dossiers.",
        discussion: """
            Une note est privée par défaut : seuls vos appareils en ont la clé. --partage group:<nom> la partage avec un groupe.
            A note is private by default: only your devices hold its key. --partage group:<name> shares it with a group.

            Exemples / examples:
              huisclos notes ajouter budget --ou "p. 4, § 2" "Chiffre à vérifier"
              huisclos notes ajouter budget --partage group:mobilite "À discuter"
              huisclos notes liste budget --json
            """,
        subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ajouter", abstract: "Ajoute une note / adds a note.")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée du dossier / the dossier's scope.") var scope = "council"
        @Option(help: "Version (par défaut la dernière / default the latest).") var version: Int?
        @Option(name: .customLong("ou"), help: "Emplacement / location (p. 4, § 2).") var location = ""
        @Option(name: .customLong("partage"), help: "Groupe destinataire / group to share with (group:<nom>).") var share: String?
        @Argument(help: "Dossier.") var dossier: String
        @Argument(help: "Texte de la note / note text.") var text: String

        func run() async throws {
            try await runDossier {
                let opened = try device.unlock()
                let chosen = try Dossiers.version(of: dossier, number: version, in: DossierLibrary(store: opened.store, scope: try Dossiers.scope(scope)))
                let target = try share.map(Dossiers.scope) ?? DossierScopes.member(opened.member)
                let id = try Annotations(store: opened.store).add(text, on: chosen, at: location, scope: target)
                try await opened.lock()
                say(Text(fr: "Note \(id) ajoutée (\(target.rawValue)) ; elle part à la prochaine synchronisation.",
                         en: "Note \(id) added (\(target.rawValue)); it leaves at the next sync."))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Notes d'un dossier (privées et de vos groupes) / a dossier's notes (private and your groups').")
        @OptionGroup var device: DeviceOptions
        @Option(name: .customLong("portee"), help: "Portée du dossier / the dossier's scope.") var scope = "council"
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Argument(help: "Dossier.") var dossier: String

        struct Listed: Encodable { let id: String; let scope: String; let version: Int; let location: String; let text: String; let earlierVersion: Bool }

        func run() async throws {
            try await runDossier {
                let opened = try device.unlock()
                let latest = try Dossiers.version(of: dossier, number: nil, in: DossierLibrary(store: opened.store, scope: try Dossiers.scope(scope)))
                let now = Instant(unixSeconds: Int64(Date().timeIntervalSince1970))
                let scopes = await opened.membership.readableScopes(of: opened.certificate.signingKey, at: now)
                    .filter { $0 == DossierScopes.member(opened.member) || $0.rawValue.hasPrefix("group:") }.sorted { $0.rawValue < $1.rawValue }
                let notes = try Annotations(store: opened.store).notes(on: dossier, latestVersion: latest.number,
                                                                       scopes: [DossierScopes.member(opened.member)] + scopes.filter { $0 != DossierScopes.member(opened.member) })
                try await opened.lock()
                let listed = notes.map { Listed(id: $0.id, scope: $0.scope.rawValue, version: $0.version, location: $0.location,
                                                text: $0.text, earlierVersion: $0.madeOnEarlierVersion) }
                if json { return try printJSON(listed) }
                var table = Table(headers: [Text(fr: "Portée", en: "Scope"), Text(fr: "Version", en: "Version"),
                                            Text(fr: "Emplacement", en: "Location"), Text(fr: "Note", en: "Note")].map { $0.in(language) })
                for note in listed {
                    let version = note.earlierVersion ? Text(fr: "\(note.version) (antérieure)", en: "\(note.version) (earlier)").in(language) : String(note.version)
                    table.append([note.scope, version, note.location, note.text])
                }
                Console.out(table.render())
            }
        }
    }
}
