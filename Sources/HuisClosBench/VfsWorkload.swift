import GRDB

/// The `vfs` benchmark's workload, run identically on plain SQLite and on an encrypted replica
/// through GRDB's statement API (cached prepared statements, `execute(arguments:)`).
struct VfsWorkload {
    let rows: Int
    let rowsPerTransaction: Int
    let reads: Int
    let documents: Int
    let queries: Int
    /// SQLite page cache of both sides, KiB.
    let cacheKiB: Int

    /// Inserts `rows` rows of ~100 bytes, `rowsPerTransaction` per transaction.
    func write(_ database: DatabaseQueue, text: TextSource) throws {
        try database.write { db in
            try db.execute(sql: "CREATE TABLE item(id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        }
        var id = 0
        while id < rows {
            try database.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO item(id, body) VALUES (?, ?)")
                for _ in 0..<min(rowsPerTransaction, rows - id) {
                    id += 1
                    try insert.execute(arguments: [id, text.body(id)])
                }
            }
        }
    }

    /// Reads `reads` random rows by primary key; returns the bytes read (so nothing is elided).
    func read(_ database: DatabaseQueue, seed: UInt64) throws -> Int {
        var random = SplitMix64(seed: seed)
        return try database.read { db in
            let select = try db.cachedStatement(sql: "SELECT body FROM item WHERE id = ?")
            var total = 0
            for _ in 0..<reads {
                let id = Int(random.next() % UInt64(rows)) + 1
                total += try String.fetchOne(select, arguments: [id])?.utf8.count ?? 0
            }
            return total
        }
    }

    /// Builds an FTS5 table of `documents` documents of 40 words.
    func buildFTS(_ database: DatabaseQueue, text: TextSource) throws {
        try database.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE doc USING fts5(body)")
            let insert = try db.cachedStatement(sql: "INSERT INTO doc(rowid, body) VALUES (?, ?)")
            for id in 1...documents {
                try insert.execute(arguments: [id, text.document(id, words: 40)])
            }
        }
    }

    /// Runs `queries` MATCH queries (one word, or two words ANDed) and counts the hits.
    func queryFTS(_ database: DatabaseQueue, text: TextSource, seed: UInt64) throws -> Int {
        var random = SplitMix64(seed: seed)
        return try database.read { db in
            let match = try db.cachedStatement(sql: "SELECT rowid FROM doc WHERE doc MATCH ?")
            var hits = 0
            for query in 0..<queries {
                let first = text.word(Int(random.next() % UInt64(text.vocabularySize)))
                let pattern = query % 2 == 0 ? first : first + " " + text.word(Int(random.next() % 64))
                let cursor = try Int.fetchCursor(match, arguments: [pattern])
                while try cursor.next() != nil { hits += 1 }
            }
            return hits
        }
    }
}

/// Deterministic text: row bodies of ~100 bytes and documents drawn from a synthetic vocabulary
/// with a skewed distribution (low-numbered words are common), like natural language.
struct TextSource {
    let vocabularySize = 2_000
    private let pool: [UInt8]

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let letters = Array("abcdefghijklmnopqrstuvwxyz     ".utf8)
        pool = (0..<8_192).map { _ in letters[Int(random.next() % UInt64(letters.count))] }
    }

    /// About 100 bytes for row `id`: an id prefix and a slice of the pool.
    func body(_ id: Int) -> String {
        let start = (id &* 7_919) % (pool.count - 96)
        return "row \(id) " + String(decoding: pool[start..<start + 88], as: UTF8.self)
    }

    /// Word number `index` of the vocabulary.
    func word(_ index: Int) -> String { "w\(String(index, radix: 36))x" }

    /// A document of `words` words for `id`.
    func document(_ id: Int, words: Int) -> String {
        var random = SplitMix64(seed: UInt64(id))
        return (0..<words).map { _ in
            let a = random.next() % UInt64(vocabularySize)
            let b = random.next() % UInt64(vocabularySize)
            return word(Int(a * b / UInt64(vocabularySize)))  // product skews towards small numbers
        }.joined(separator: " ")
    }
}

/// A tiny seeded generator (SplitMix64) so both sides see the same ids and words.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
