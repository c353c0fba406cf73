import HuisClosEngine
import HuisClosProtocol
import HuisClosStore

/// One paragraph of a co-edited text (an avis draft, a procès-verbal) as the replica sees it.
public struct DraftParagraph: Sendable, Equatable {
    /// Its identifier within the text.
    public let id: String
    /// Its versions: one when settled, several when concurrent edits conflict.
    public let versions: [String]
    /// Whether concurrent edits are waiting for someone to resolve them.
    public var isConflict: Bool { versions.count > 1 }
}

/// The merge rule of co-edited paragraphs, shared by avis drafts and minutes: each paragraph is a
/// record `<kind>/<text>.<paragraph>` whose set `text` is a multi-value register. Writing adds the
/// new text and removes only the versions its author has seen, so concurrent edits both survive
/// and show as a conflict until someone writes the paragraph having seen both.
struct ParagraphRegister {
    static let textSet = "text"

    let store: ChangeStore
    let scope: ScopeID
    /// The paragraph records' kind.
    let kind: String

    /// The changes that write `text` over every version of paragraph `paragraph` of `text` this replica has seen.
    func changes(writing text: String, paragraph: String, of owner: String) throws -> [Change] {
        let record = try RecordKey(kind: kind, id: "\(owner).\(paragraph)")
        let seen = try RecordReader(database: store.database).textElements(kind: kind, id: record.id, set: Self.textSet, scope: scope)
        var changes: [Change] = []
        for version in seen where version != text {
            let tags = try store.observedTags(of: .text(version), in: Self.textSet, of: record, scope: scope)
            changes.append(.remove(record, set: Self.textSet, element: .text(version), observed: tags))
        }
        changes.append(.add(record, set: Self.textSet, element: .text(text)))
        return changes
    }

    /// The non-empty paragraphs of `owner`, ordered by identifier.
    func paragraphs(of owner: String) throws -> [DraftParagraph] {
        let reader = RecordReader(database: try store.database)
        let prefix = "\(owner)."
        return try reader.ids(kind: kind, scope: scope).filter { $0.hasPrefix(prefix) }.map { recordID in
            DraftParagraph(id: String(recordID.dropFirst(prefix.count)),
                           versions: try reader.textElements(kind: kind, id: recordID, set: Self.textSet, scope: scope))
        }.filter { !$0.versions.isEmpty }
    }
}
