public import Foundation
import HuisClosEngine
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosStore

/// Members' notes on dossiers, anchored to a dossier, a version and a location.
///
/// A private note is committed to the member's own scope (`member:<id>`), whose key only their
/// devices hold — not even the secretariat's; a shared note to a working group's scope. Notes
/// are never moved when a new version arrives: they stay, shown as made on the earlier version.
public struct Annotations: Sendable {
    static let kind = "annotation"

    /// A note as read back.
    public struct Note: Sendable, Equatable {
        /// Identifier.
        public let id: String
        /// The scope it lives in (who can read it).
        public let scope: ScopeID
        /// The dossier.
        public let dossier: String
        /// The version it was made on.
        public let version: Int
        /// Where in the document (e.g. `p. 4, § 2`).
        public let location: String
        /// The note.
        public let text: String
        /// Whether the dossier has a newer version than the one the note was made on.
        public let madeOnEarlierVersion: Bool
    }

    /// The store the notes live in.
    public let store: ChangeStore

    /// Notes in `store`.
    public init(store: ChangeStore) { self.store = store }

    /// Adds a note in `scope` (the member's own scope for a private note, a group's to share it);
    /// returns its identifier (`id`, random unless a test gives one).
    @discardableResult
    public func add(_ text: String, on version: DossierVersion, at location: String, scope: ScopeID,
                    id: String = UUID().uuidString.lowercased()) throws -> String {
        guard scope != .public else {
            throw DossierError(.invalidArgument, Text(fr: "une note n'est jamais publique : gardez-la pour vous ou partagez-la avec un groupe",
                                     en: "a note is never public: keep it in your own scope or share it with a group"))
        }
        let record = try RecordKey(kind: Self.kind, id: id)
        try store.commitLocal([
            .set(record, field: "dossier", value: .text(version.dossier)),
            .set(record, field: "version", value: .integer(Int64(version.number))),
            .set(record, field: "location", value: .text(location)),
            .set(record, field: "text", value: .text(text)),
        ], scope: scope)
        return id
    }

    /// The notes on `dossier` in `scopes` this replica holds, marked against the dossier's
    /// `latestVersion`; by version then location.
    public func notes(on dossier: String, latestVersion: Int, scopes: [ScopeID]) throws -> [Note] {
        let reader = RecordReader(database: try store.database)
        var notes: [Note] = []
        for scope in scopes {
            for id in try reader.ids(kind: Self.kind, scope: scope) {
                guard let f = try reader.fields(kind: Self.kind, id: id, scope: scope), f.text("dossier") == dossier,
                      let version = f.integer("version"), let location = f.text("location"), let text = f.text("text") else { continue }
                notes.append(Note(id: id, scope: scope, dossier: dossier, version: Int(version), location: location, text: text,
                                  madeOnEarlierVersion: Int(version) < latestVersion))
            }
        }
        return notes.sorted { ($0.version, $0.location, $0.id) < ($1.version, $1.location, $1.id) }
    }
}
