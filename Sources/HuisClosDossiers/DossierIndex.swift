import GRDB

/// Full-text search over the dossiers' text content, inside the member's encrypted replica
/// (an FTS5 table in the same database: the index is encrypted with everything else).
///
/// Local only: the index is not synced; each replica indexes the text versions it wrote or read.
public struct DossierIndex: Sendable {
    /// A search hit.
    public struct Hit: Sendable, Equatable {
        /// The dossier.
        public let dossier: String
        /// The version the text was indexed from.
        public let version: Int
        /// The dossier's title.
        public let title: String
        /// The matching passage, with the match between « and ».
        public let snippet: String
    }

    /// Hits returned by one search: a screenful, most relevant first.
    public static let hitsMax = 50

    /// The replica's database.
    public let database: any DatabaseWriter

    /// The index in `database` (created on first use).
    public init(database: any DatabaseWriter) { self.database = database }

    /// Indexes (or re-indexes) the text of `version`.
    func index(_ version: DossierVersion, title: String, text: String) throws {
        try database.write { db in
            try Self.create(db)
            try db.execute(sql: "DELETE FROM dossier_text WHERE dossier = ? AND version = ?", arguments: [version.dossier, version.number])
            try db.execute(sql: "INSERT INTO dossier_text (dossier, version, title, body) VALUES (?, ?, ?, ?)",
                           arguments: [version.dossier, version.number, title, text])
        }
    }

    /// The passages matching `query` (words; each must appear), most relevant first.
    public func search(_ query: String) throws -> [Hit] {
        let words = query.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { "\"\($0)\"" }
        guard !words.isEmpty else { return [] }
        return try database.write { db in
            try Self.create(db)
            return try Row.fetchAll(db, sql: """
                SELECT dossier, version, title, snippet(dossier_text, 3, '«', '»', '…', 12) AS passage
                FROM dossier_text WHERE dossier_text MATCH ? ORDER BY rank LIMIT ?
                """, arguments: [words.joined(separator: " "), Self.hitsMax]).map {
                Hit(dossier: $0["dossier"], version: $0["version"], title: $0["title"], snippet: $0["passage"])
            }
        }
    }

    private static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE IF NOT EXISTS dossier_text USING fts5(
                dossier UNINDEXED, version UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')
            """)
    }
}
