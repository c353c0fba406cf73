public import GRDB
import HuisClosProtocol

/// Full-text search over the dossiers' text content, inside the member's encrypted replica
/// (an FTS5 table in the same database: the index is encrypted with everything else).
///
/// Local only: the index is not synced; each replica indexes every text version whose content
/// reaches it (added here, or brought by sync into `DossierCache`), so search covers everything
/// the member can read, offline. Entries of a version the device may no longer read are dropped
/// with the cached content (`retain(versions:)`).
public struct DossierIndex: Sendable {
    /// A search hit.
    public struct Hit: Sendable, Equatable, FetchableRecord {
        /// The dossier's scope.
        public let scope: String
        /// The dossier.
        public let dossier: String
        /// The version the text was indexed from.
        public let version: Int
        /// The dossier's title.
        public let title: String
        /// The matching passage, with the match between « and ».
        public let snippet: String

        /// A row of the search's query (its `passage` column is the snippet).
        public init(row: Row) {
            scope = row["scope"]
            dossier = row["dossier"]
            version = row["version"]
            title = row["title"]
            snippet = row["passage"]
        }
    }

    /// Hits returned by one search: a screenful, most relevant first.
    public static let hitsMax = 50

    /// The replica's database.
    public let database: any DatabaseWriter

    /// The index in `database` (its table comes from `DossierSchema`, migrated when the device opens).
    public init(database: any DatabaseWriter) { self.database = database }

    /// Indexes (or re-indexes) the text of `version`.
    func index(_ version: DossierVersion, scope: ScopeID, title: String, text: String) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM dossier_fulltext WHERE scope = ? AND dossier = ? AND version = ?",
                           arguments: [scope.rawValue, version.dossier, version.number])
            try db.execute(sql: "INSERT INTO dossier_fulltext (scope, dossier, version, title, body) VALUES (?, ?, ?, ?, ?)",
                           arguments: [scope.rawValue, version.dossier, version.number, title, text])
        }
    }

    /// Keeps only the entries of `versions` (scope and version of each dossier the device may
    /// still read) among those of `scope` (nil: every scope); the others — scope lost, record
    /// gone — are deleted with secure delete, and the index is merged so none of their terms
    /// remain in its segments.
    func retain(versions: [(scope: ScopeID, version: DossierVersion)], in scope: ScopeID? = nil) throws {
        let kept = Set(versions.map { Self.entry($0.scope.rawValue, $0.version.dossier, $0.version.number) })
        try database.writeWithoutTransaction { db in
            let dropped = try Row.fetchAll(db, sql: "SELECT rowid, scope, dossier, version FROM dossier_fulltext")
                .filter { scope == nil || $0["scope"] == scope?.rawValue }
                .filter { !kept.contains(Self.entry($0["scope"], $0["dossier"], $0["version"])) }.map { $0["rowid"] as Int64 }
            guard !dropped.isEmpty else { return }
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            try db.inTransaction {
                for rowid in dropped { try db.execute(sql: "DELETE FROM dossier_fulltext WHERE rowid = ?", arguments: [rowid]) }
                // An FTS5 delete only adds tombstones to a new index segment: the dropped text's
                // terms stay in the older segments' rows of `dossier_fulltext_data`. Merging every
                // segment into one drops them for good (SQLite 3.40 has no FTS5 'secure-delete'
                // option, which arrived in 3.42); secure_delete zeroes the rows it frees.
                try db.execute(sql: "INSERT INTO dossier_fulltext(dossier_fulltext) VALUES('optimize')")
                return .commit
            }
        }
    }

    private static func entry(_ scope: String, _ dossier: String, _ version: Int) -> String { "\(scope)\u{0}\(dossier)\u{0}\(version)" }

    /// The passages matching `query` (words; each must appear), most relevant first.
    public func search(_ query: String) throws -> [Hit] {
        let words = query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"\($0)\"" }
        guard !words.isEmpty else { return [] }
        return try database.read { db in
            try Hit.fetchAll(db, sql: """
                SELECT scope, dossier, version, title, snippet(dossier_fulltext, 4, '«', '»', '…', 12) AS passage
                FROM dossier_fulltext WHERE dossier_fulltext MATCH ? ORDER BY rank LIMIT ?
                """, arguments: [words.joined(separator: " "), Self.hitsMax])
        }
    }
}
