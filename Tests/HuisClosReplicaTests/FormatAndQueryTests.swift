import Foundation
import GRDB
import HuisClosReplica
import HuisClosTestSupport
import Testing

@Suite(.tags(.slow)) struct FormatAndQueryTests {
    @Test func databaseFileDoesNotStartWithTheSQLiteMagicAndTheCLICannotReadIt() throws {
        let temp = try TemporaryFolder()
        let folder = try closedReplica(in: temp, rows: 20)
        let paths = ReplicaPaths(folder: folder)
        let start = try Data(contentsOf: paths.database).prefix(16)
        #expect(start != Data("SQLite format 3\0".utf8))
        let cli = try runSQLiteCLI([paths.database.path, "select * from sqlite_master"])
        #expect(cli.status != 0)
        #expect(cli.output.isEmpty)
    }

    @Test func rowsSurviveCloseAndReopen() throws {
        let temp = try TemporaryFolder()
        let folder = try closedReplica(in: temp, rows: 250)
        let replica = try Replica.open(at: folder, passphrase: passphrase)
        defer { try? replica.close() }
        #expect(try replica.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") } == 250)
        #expect(try readEverything(replica) == "ok")
    }

    @Test func fts5QueriesReturnTheMatchingRowsThroughTheEncryptedReplica() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let replica = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits)
        let words = ["budget", "numérique", "inclusion", "séance", "audition", "charte", "avis", "saisine"]
        try replica.database.write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE doc USING fts5(title, body)")
            for id in 1...400 {
                let body = (0..<30).map { words[($0 * id + id / 7) % words.count] }.joined(separator: " ")
                try db.execute(sql: "INSERT INTO doc(rowid, title, body) VALUES (?, ?, ?)",
                               arguments: [id, "document \(id)", body + (id % 50 == 0 ? " déontologie" : "")])
            }
        }
        try replica.close()
        let reopened = try Replica.open(at: folder, passphrase: passphrase)
        defer { try? reopened.close() }
        let hits = try reopened.database.read { db in
            try Int.fetchAll(db, sql: "SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rowid", arguments: ["déontologie"])
        }
        #expect(hits == Array(stride(from: 50, through: 400, by: 50)))
        let phrase = try reopened.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM doc WHERE doc MATCH 'title:\"document 123\"'")
        }
        #expect(phrase == 1)
    }

    @Test func temporaryFilesOnDiskAreRefusedNotWrittenInPlaintext() throws {
        let temp = try TemporaryFolder()
        let replica = try makeReplica(in: temp.replicaFolder(), rows: 300)
        defer { try? replica.close() }
        let error = replicaError {
            try replica.database.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA temp_store = FILE")
                try db.execute(sql: "CREATE TEMP TABLE scratch(body BLOB)")
                try db.execute(sql: "PRAGMA temp.cache_size = 5")  // 45 pages of rows must spill to a file
                try db.execute(sql: "INSERT INTO scratch SELECT body FROM item")
            }
        }
        #expect(error?.code == .storageFailed)
    }

    @Test func largeSortsStayInMemoryUnderTheReplicaSettings() throws {
        let temp = try TemporaryFolder()
        let replica = try makeReplica(in: temp.replicaFolder(), rows: 3_000, bodyBytes: 200)
        defer { try? replica.close() }
        let sorted = try replica.database.write { db in
            try db.execute(sql: "PRAGMA cache_size = 10")  // tiny budget: a disk sorter would spill
            return try Int.fetchAll(db, sql: "SELECT id FROM item ORDER BY body, id")
        }
        #expect(sorted.count == 3_000)
    }
}

@Suite(.tags(.slow)) struct MaintenanceTests {
    @Test func vacuumRebuildsTheReplicaThroughMemoryAndKeepsEveryRow() throws {
        let temp = try TemporaryFolder()
        let replica = try makeReplica(in: temp.replicaFolder(), rows: 400)
        defer { try? replica.close() }
        try replica.database.write { db in try db.execute(sql: "DELETE FROM item WHERE id % 2 = 0") }
        try replica.database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        #expect(try replica.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") } == 200)
        #expect(try readEverything(replica) == "ok")
    }

    @Test func attachingAFileWithoutTheReplicaKeyIsRefused() throws {
        let temp = try TemporaryFolder()
        let replica = try makeReplica(in: temp.replicaFolder(), rows: 1)
        defer { try? replica.close() }
        let other = temp.url.appendingPathComponent("other.db").path
        let error = replicaError {
            try replica.database.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS other", arguments: [other])
                try db.execute(sql: "CREATE TABLE other.t(x)")
            }
        }
        #expect(error?.code == .storageFailed)
        #expect(!FileManager.default.fileExists(atPath: other))
    }
}
