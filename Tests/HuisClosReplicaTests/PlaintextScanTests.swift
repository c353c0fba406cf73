import Foundation
import GRDB
import HuisClosReplica
import HuisClosTestSupport
import Testing

/// Searches every file in a folder for marker strings in UTF-8, UTF-16LE and UTF-16BE.
struct PlaintextScanner {
    let markers: [String]

    /// The byte patterns searched for: each marker in each of the three encodings.
    var patterns: [Data] {
        markers.flatMap { marker in
            [Data(marker.utf8), marker.data(using: .utf16LittleEndian)!, marker.data(using: .utf16BigEndian)!]
        }
    }

    /// "file: pattern #n" for every pattern found in any regular file under `folder`.
    func hits(in folder: URL) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.isEmpty)
        var hits: [String] = []
        for name in names.sorted() {
            let contents = try Data(contentsOf: folder.appendingPathComponent(name))
            for (index, pattern) in patterns.enumerated() where contents.range(of: pattern) != nil {
                hits.append("\(name): pattern #\(index)")
            }
        }
        return hits
    }
}

@Suite(.tags(.slow)) struct PlaintextScanTests {
    static let rowMarker = "HCROWMARKER-7f3a9c"
    static let documentMarker = "HCFTSMARKER-b41e02"
    let scanner = PlaintextScanner(markers: [rowMarker, documentMarker])

    func fill(_ db: Database) throws {
        try db.execute(sql: "CREATE TABLE note(id INTEGER PRIMARY KEY, author TEXT, body TEXT)")
        try db.execute(sql: "CREATE INDEX note_author ON note(author)")
        for id in 1...1_200 {
            try db.execute(sql: "INSERT INTO note(id, author, body) VALUES (?, ?, ?)",
                           arguments: [id, "membre \(id % 30)", "\(Self.rowMarker) confidential note \(id)"])
        }
        try db.execute(sql: "CREATE VIRTUAL TABLE dossier USING fts5(body)")
        try db.execute(sql: "INSERT INTO dossier(body) VALUES (?)",
                       arguments: ["avis confidentiel \(Self.documentMarker) sur le budget numérique"])
    }

    @Test func noMarkerReachesAnyFileBeforeOrAfterCheckpointOrAfterClose() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let replica = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits)
        try replica.database.write(fill)
        #expect(FileManager.default.fileExists(atPath: ReplicaPaths(folder: folder).wal.path))
        #expect(try scanner.hits(in: folder) == [])  // rows live in the WAL here
        try replica.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        #expect(try scanner.hits(in: folder) == [])  // now in the database file
        let found = try replica.database.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM dossier WHERE dossier MATCH ?", arguments: ["\"\(Self.documentMarker)\""])
        }
        #expect(found?.contains(Self.documentMarker) == true)
        try replica.close()
        #expect(try scanner.hits(in: folder) == [])
    }

    @Test func theScanFindsTheMarkersInPlainSQLiteInEveryEncoding() throws {
        let temp = try TemporaryFolder()
        var found: Set<String> = []
        for encoding in ["UTF-8", "UTF-16le", "UTF-16be"] {
            let folder = temp.url.appendingPathComponent(encoding)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA encoding = '\(encoding)'") }
            let plain = try DatabaseQueue(path: folder.appendingPathComponent("plain.db").path, configuration: configuration)
            try plain.write(fill)
            try plain.close()
            found.formUnion(try scanner.hits(in: folder).map { "\(encoding) \($0)" })
        }
        // Row markers in all three encodings (#0, #1, #2); the FTS5 document in at least UTF-8.
        #expect(found.contains("UTF-8 plain.db: pattern #0"))
        #expect(found.contains("UTF-16le plain.db: pattern #1"))
        #expect(found.contains("UTF-16be plain.db: pattern #2"))
        #expect(found.contains("UTF-8 plain.db: pattern #3"))
    }
}
