import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import Hummingbird

/// The notes of a dossier page (as `huisclos notes liste|ajouter`): the member's private notes and
/// their groups', and the form adding one on the version shown.
extension AppRoutes {
    /// The page model's notes on `dossier`, the form's address and the scopes it offers.
    func addNotes(to model: inout [String: Any], on dossier: String, in scope: ScopeID, session: ClientSession,
                  language: Language) async throws {
        model["notes"] = try await session.notes(on: dossier, in: scope).map { note in
            ["location": note.location, "text": note.text, "version": note.version, "scope": Self.noteScope(note.scope).in(language),
             "earlier": note.madeOnEarlierVersion ? Text(fr: "faite sur la version \(note.version), antérieure",
                                                         en: "made on version \(note.version), an earlier one").in(language) : ""] as [String: Any]
        }
        model["noteAction"] = Self.dossierHref(scope.rawValue, dossier, nil) + "/notes"
        model["noteScopes"] = await session.noteScopes().map { scope in
            ["value": scope.rawValue.hasPrefix("group:") ? scope.rawValue : Self.privateNote, "label": Self.noteScope(scope).in(language)]
        }
    }

    /// The note form's value for a private note (in the member's own scope).
    private static let privateNote = "prive"

    /// Who reads a note in `scope`: the member alone, or a working group.
    private static func noteScope(_ scope: ScopeID) -> Text {
        scope.rawValue.hasPrefix("member:") ? Text(fr: "privée", en: "private") : scope.text
    }

    /// Adds a note from the dossier page's form (as `huisclos notes ajouter`): on the version the
    /// page showed, at the location given, private or shared with one of the member's groups.
    func addNote(_ context: AppRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let scope = try Self.scope(context)
        let dossier = try context.parameters.require("dossier")
        guard let number = context.form["version"].flatMap({ Int($0) }), let text = context.form["texte"],
              !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw AppError(.invalidForm) }
        let share = context.form["partage"] ?? Self.privateNote
        let group: ScopeID?
        if share == Self.privateNote {
            group = nil
        } else {
            guard share.hasPrefix("group:"), let chosen = await session.noteScopes().first(where: { $0.rawValue == share }) else {
                throw AppError(.invalidForm)
            }
            group = chosen
        }
        try await session.device.requireReadable(scope)
        _ = try session.annotate(dossier, in: scope, version: number, at: context.form["emplacement"] ?? "", text: text, sharedWith: group)
        return AppPages.redirect(to: Self.dossierHref(scope.rawValue, dossier, number) + "&note=1")
    }
}
