public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosEngine
import HuisClosProtocol
public import HuisClosStore

/// The working groups as the council knows them: `working-group/<name>` in the council scope,
/// with the members and supplementary members the president designated (hex member ids, comma
/// separated) and the day of creation. The group's access itself lives in the membership log
/// (`WorkingGroups.create`); this record names who is in it for listings and the annual report.
public struct WorkingGroupRoster: Sendable {
    static let kind = DossierRecords.Kind.workingGroup

    /// One group.
    public struct Entry: Sendable, Equatable, Codable {
        /// The group's name (its scope is `group:<name>`).
        public let name: String
        /// Members (hex ids).
        public let members: [String]
        /// Supplementary members (hex ids).
        public let supplementaryMembers: [String]
        /// The day the president created it.
        public let created: Day
    }

    /// The store the roster lives in.
    public let store: ChangeStore

    /// The roster in `store` (council scope).
    public init(store: ChangeStore) { self.store = store }

    /// Records group `name` created on `day`.
    public func record(_ name: String, members: [String], supplementaryMembers: [String], on day: Day) throws {
        _ = try DossierScopes.group(name)
        let record = try RecordKey(kind: Self.kind, id: name)
        try store.commitLocal([
            .set(record, field: "members", value: .text(members.joined(separator: ","))),
            .set(record, field: "supplementary", value: .text(supplementaryMembers.joined(separator: ","))),
            .set(record, field: "created", value: .text(day.iso)),
        ], scope: .council)
    }

    /// Every group, by name.
    public func list() throws -> [Entry] {
        let reader = RecordReader(database: try store.database)
        return try reader.ids(kind: Self.kind, scope: .council).compactMap { name in
            guard let f = try reader.fields(kind: Self.kind, id: name, scope: .council),
                  let created = f.text("created").flatMap(Day.init(iso:)) else { return nil }
            let split = { (field: String) in (f.text(field) ?? "").split(separator: ",").map(String.init) }
            return Entry(name: name, members: split("members"), supplementaryMembers: split("supplementary"), created: created)
        }
    }
}
