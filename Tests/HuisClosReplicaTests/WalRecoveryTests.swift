import Foundation
import GRDB
import HuisClosReplica
import HuisClosTestSupport
import Testing

/// What a crash leaves behind (database, WAL with committed frames, key file) must reopen with
/// every committed transaction; a WAL frame that fails authentication ends the WAL there.
@Suite(.tags(.slow)) struct WalRecoveryTests {
    /// Commits three transactions of 40 rows each without checkpointing, copies the folder while
    /// the replica is open (a crash image), and returns the copy and the WAL frame count after
    /// each transaction.
    func crashImage(_ temp: TemporaryFolder) throws -> (URL, [Int]) {
        let folder = temp.replicaFolder("live")
        let replica = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits)
        defer { try? replica.close() }
        let paths = ReplicaPaths(folder: folder)
        var frames: [Int] = []
        try replica.database.write { db in
            try db.execute(sql: "CREATE TABLE item(id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        }
        for txn in 0..<3 {
            try replica.database.write { db in
                for id in txn * 40 + 1...txn * 40 + 40 {
                    try db.execute(sql: "INSERT INTO item(id, body) VALUES (?, ?)", arguments: [id, Data(repeating: UInt8(id), count: 500)])
                }
            }
            let walBytes = try Data(contentsOf: paths.wal).count
            frames.append((walBytes - 32) / (24 + ReplicaLimits.pageBytes))
        }
        let image = temp.replicaFolder("image")
        try FileManager.default.createDirectory(at: image, withIntermediateDirectories: true)
        for name in ["replica.key", "replica.db", "replica.db-wal"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: image.appendingPathComponent(name))
        }
        return (image, frames)
    }

    func count(_ folder: URL) throws -> (rows: Int, integrity: String?) {
        let replica = try Replica.open(at: folder, passphrase: passphrase)
        defer { try? replica.close() }
        let rows = try replica.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") ?? -1 }
        return (rows, try replica.database.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") })
    }

    @Test func aCrashImageReopensWithEveryCommittedTransaction() throws {
        let temp = try TemporaryFolder()
        let (image, _) = try crashImage(temp)
        let result = try count(image)
        #expect(result.rows == 120)
        #expect(result.integrity == "ok")
    }

    @Test func aTamperedWalFrameTruncatesTheWalAtThatFrame() throws {
        let temp = try TemporaryFolder()
        let (image, frames) = try crashImage(temp)
        let firstFrameOfSecondTransaction = frames[0]
        let offset = 32 + firstFrameOfSecondTransaction * (24 + ReplicaLimits.pageBytes) + 24 + 100
        try editFile(image.appendingPathComponent("replica.db-wal")) { $0[offset] ^= 0x01 }
        let result = try count(image)
        #expect(result.rows == 40)  // the first transaction only: the WAL ends at the altered frame
        #expect(result.integrity == "ok")
    }

    @Test func aWalFrameFromAnotherReplicaEndsTheWalThere() throws {
        let temp = try TemporaryFolder()
        let (image, frames) = try crashImage(temp)
        let other = try TemporaryFolder()
        let (otherImage, _) = try crashImage(other)
        let frameBytes = 24 + ReplicaLimits.pageBytes
        let start = 32 + frames[1] * frameBytes
        let foreign = try Data(contentsOf: otherImage.appendingPathComponent("replica.db-wal"))[start..<start + frameBytes]
        try editFile(image.appendingPathComponent("replica.db-wal")) { bytes in
            // Keep this WAL's frame header (salts, checksums), take the other replica's sealed page.
            bytes.replaceSubrange(start + 24..<start + frameBytes, with: foreign.dropFirst(24))
        }
        let result = try count(image)
        #expect(result.rows == 80)
        #expect(result.integrity == "ok")
    }

    /// SQLite's WAL header checksum (bytes 24..31) recomputed over bytes 0..23.
    static func headerChecksumMatches(_ wal: Data) -> Bool {
        let bytes = [UInt8](wal.prefix(32))
        func word(_ at: Int, littleEndian: Bool) -> UInt32 {
            let b = bytes[at..<at + 4].map(UInt32.init)
            return littleEndian ? b[0] | b[1] << 8 | b[2] << 16 | b[3] << 24 : b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]
        }
        let nativeLittle = word(0, littleEndian: false) == 0x377f_0682
        var (s0, s1): (UInt32, UInt32) = (0, 0)
        for at in stride(from: 0, to: 24, by: 8) {
            s0 = s0 &+ word(at, littleEndian: nativeLittle) &+ s1
            s1 = s1 &+ word(at + 4, littleEndian: nativeLittle) &+ s0
        }
        return s0 == word(24, littleEndian: false) && s1 == word(28, littleEndian: false)
    }

    @Test func walChecksumsOnDiskAreMaskedUnlikePlainSQLite() throws {
        let temp = try TemporaryFolder()
        let (image, _) = try crashImage(temp)
        #expect(!Self.headerChecksumMatches(try Data(contentsOf: image.appendingPathComponent("replica.db-wal"))))

        let plainPath = temp.url.appendingPathComponent("plain.db").path
        var configuration = Configuration()
        configuration.journalMode = .wal
        let plain = try DatabaseQueue(path: plainPath, configuration: configuration)
        try plain.write { try $0.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1)") }
        #expect(Self.headerChecksumMatches(try Data(contentsOf: URL(fileURLWithPath: plainPath + "-wal"))))
        try plain.close()
    }

    @Test func walFramesSwappedWhileTheReplicaIsOpenAreReportedAsTampered() throws {
        let temp = try TemporaryFolder()
        let (image, frames) = try crashImage(temp)
        let replica = try Replica.open(at: image, passphrase: passphrase)  // recovers the WAL
        defer { try? replica.close() }
        let frameBytes = 24 + ReplicaLimits.pageBytes
        // Two leaf pages new in the last transaction (frames are in page order; the last one commits).
        let first = 32 + (frames[2] - 3) * frameBytes
        try editFile(image.appendingPathComponent("replica.db-wal")) { bytes in
            let a = Array(bytes[first..<first + frameBytes])
            bytes.replaceSubrange(first..<first + frameBytes, with: bytes[first + frameBytes..<first + 2 * frameBytes])
            bytes.replaceSubrange(first + frameBytes..<first + 2 * frameBytes, with: a)
        }
        // Point reads (no integrity_check): without the frame check they would silently miss rows.
        let error = replicaError {
            try replica.database.read { db in
                for id in 1...120 { _ = try Data.fetchOne(db, sql: "SELECT body FROM item WHERE id = ?", arguments: [id]) }
            }
        }
        #expect(error?.code == .tampered)
    }

    @Test func aTransactionThatSpillsAndRewritesFramesInPlaceRecoversIntact() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder("live")
        let replica = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits)
        defer { try? replica.close() }
        try replica.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = 20") }
        try replica.database.write { db in
            try db.execute(sql: "CREATE TABLE item(id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
            for id in 1...300 {  // ~75 pages through a 20-page cache: SQLite spills to the WAL mid-transaction
                try db.execute(sql: "INSERT INTO item(id, body) VALUES (?, ?)", arguments: [id, Data(repeating: 1, count: 1_000)])
            }
            // Rewrites pages already spilled: frames are overwritten in place, checksums recomputed at commit.
            try db.execute(sql: "UPDATE item SET body = zeroblob(1001)")
        }
        try replica.database.write { db in try db.execute(sql: "DELETE FROM item WHERE id > 250") }
        let image = temp.replicaFolder("image")
        try FileManager.default.createDirectory(at: image, withIntermediateDirectories: true)
        for name in ["replica.key", "replica.db", "replica.db-wal"] {
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: image.appendingPathComponent(name))
        }
        let recovered = try Replica.open(at: image, passphrase: passphrase)
        defer { try? recovered.close() }
        let summary = try recovered.database.read { db in
            try Row.fetchOne(db, sql: "SELECT count(*) AS n, sum(length(body)) AS bytes, sum(length(body) = 1001) AS updated FROM item")
        }
        #expect(summary?["n"] == 250)
        #expect(summary?["bytes"] == 250 * 1_001)
        #expect(summary?["updated"] == 250)
        #expect(try recovered.database.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }
}
