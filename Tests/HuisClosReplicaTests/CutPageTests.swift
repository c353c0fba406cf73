import Foundation
import GRDB
import HuisClosCrypto
import HuisClosReplica
import HuisClosTestSupport
import Testing

/// A page the database (or a WAL commit) says exists but the file no longer holds is tampering:
/// it must surface as `.tampered`, never be read back as zeros.
@Suite(.tags(.slow)) struct CutPageTests {
    let pageBytes = ReplicaLimits.pageBytes

    /// Finding 8 of issue 11: write, checkpoint, commit (the WAL's commit says the database has N
    /// pages), copy the folder, cut the database's last page → a typed error, never zeros.
    @Test func aPageCutFromTheEndUnderALongerWalCommitIsTamperedNeverZeros() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let replica = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits)
        // The last row's body spills into overflow pages allocated at the end of the file, so the
        // last page holds nothing but its tail: read as zeros, no structure check would notice.
        let body = Data(try Sodium.randomBytes(5 * pageBytes))
        try replica.database.write { db in
            try db.execute(sql: "CREATE TABLE note(id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
            try db.execute(sql: "INSERT INTO note(id, body) VALUES (1, x'01')")
            try db.execute(sql: "CREATE TABLE big(body BLOB NOT NULL)")
            try db.execute(sql: "INSERT INTO big(body) VALUES (?)", arguments: [body])
        }
        try replica.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try replica.database.write { db in try db.execute(sql: "UPDATE note SET body = x'02' WHERE id = 1") }

        let copy = temp.replicaFolder("copy")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["replica.db", "replica.db-wal", "replica.key"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        try replica.close()
        try editFile(ReplicaPaths(folder: copy).database) { $0.removeLast(pageBytes) }

        let error = replicaError {
            let opened = try Replica.open(at: copy, passphrase: passphrase)
            defer { try? opened.close() }
            let read = try opened.database.read { db in try Data.fetchOne(db, sql: "SELECT body FROM big") }
            #expect(read == body, "the cut page came back as \(read.map { $0.suffix(16).allSatisfy { $0 == 0 } ? "zeros" : "other bytes" } ?? "nothing")")
        }
        #expect(error?.code == .tampered)
    }

    /// Issue 15, item 2: one flipped byte in any page of a small replica, read after opening,
    /// is `.tampered` (the documented error), never a generic I/O error.
    @Test func aFlippedByteInEachPageInTurnIsTampered() throws {
        let temp = try TemporaryFolder()
        let original = try closedReplica(in: temp, named: "original", rows: 40)
        let database = ReplicaPaths(folder: original).database
        let pages = try Data(contentsOf: database).count / pageBytes
        #expect(pages > 3)
        for page in 0..<pages {
            let folder = temp.replicaFolder("page-\(page + 1)")
            try FileManager.default.copyItem(at: original, to: folder)
            try editFile(ReplicaPaths(folder: folder).database) { $0[page * pageBytes + 1_000] ^= 0x20 }
            let error = replicaError {
                let replica = try Replica.open(at: folder, passphrase: passphrase)
                defer { try? replica.close() }
                _ = try readEverything(replica)
            }
            #expect(error?.code == .tampered, "page \(page + 1): \(error.map(String.init(describing:)) ?? "no error")")
            try FileManager.default.removeItem(at: folder)
        }
    }
}
