import Foundation
import GRDB
import HuisClosReplica
import HuisClosTestSupport
import Testing

/// Every alteration of a closed replica's database file must surface as `.tampered`, at open or
/// at the first read of the altered page, never as silently different rows.
@Suite(.tags(.slow)) struct TamperTests {
    let pageBytes = ReplicaLimits.pageBytes

    /// Opens the replica and reads every page; the classified error, or nil if all was fine.
    func openAndReadEverything(_ folder: URL) -> ReplicaError? {
        replicaError {
            let replica = try Replica.open(at: folder, passphrase: passphrase)
            defer { try? replica.close() }
            #expect(try readEverything(replica) == "ok")
        }
    }

    func tamperTarget(_ temp: TemporaryFolder, _ name: String = "replica") throws -> (URL, URL, Int) {
        let folder = try closedReplica(in: temp, named: name)
        let database = ReplicaPaths(folder: folder).database
        let pages = try Data(contentsOf: database).count / pageBytes
        #expect(pages > 10)
        return (folder, database, pages)
    }

    @Test func untouchedReplicaReadsCleanly() throws {
        let temp = try TemporaryFolder()
        let (folder, _, _) = try tamperTarget(temp)
        #expect(openAndReadEverything(folder) == nil)
    }

    @Test func aFlippedByteInARandomPageIsReportedAsTampered() throws {
        let temp = try TemporaryFolder()
        let (folder, database, pages) = try tamperTarget(temp)
        let page = Int.random(in: 1..<pages)
        let offset = page * pageBytes + Int.random(in: 0..<pageBytes)
        try editFile(database) { $0[offset] ^= UInt8.random(in: 1...255) }
        #expect(openAndReadEverything(folder)?.code == .tampered, "page \(page + 1), byte \(offset % pageBytes)")
    }

    @Test func aFlippedByteInPageOneIsReportedAtOpen() throws {
        let temp = try TemporaryFolder()
        let (folder, database, _) = try tamperTarget(temp)
        try editFile(database) { $0[200] ^= 0x40 }
        #expect(replicaError { _ = try Replica.open(at: folder, passphrase: passphrase) }?.code == .tampered)
    }

    @Test func twoSwappedPagesAreReportedAsTampered() throws {
        let temp = try TemporaryFolder()
        let (folder, database, pages) = try tamperTarget(temp)
        let first = Int.random(in: 1..<pages - 1)
        let second = Int.random(in: first + 1..<pages)
        try editFile(database) { bytes in
            let a = Array(bytes[first * pageBytes..<(first + 1) * pageBytes])
            bytes.replaceSubrange(first * pageBytes..<(first + 1) * pageBytes,
                                  with: bytes[second * pageBytes..<(second + 1) * pageBytes])
            bytes.replaceSubrange(second * pageBytes..<(second + 1) * pageBytes, with: a)
        }
        #expect(openAndReadEverything(folder)?.code == .tampered, "pages \(first + 1) and \(second + 1)")
    }

    @Test func aPageCopiedFromAnotherReplicaAtTheSameNumberIsReportedAsTampered() throws {
        let temp = try TemporaryFolder()
        let (folder, database, pages) = try tamperTarget(temp, "a")
        let (_, otherDatabase, otherPages) = try tamperTarget(temp, "b")
        let page = Int.random(in: 1..<min(pages, otherPages))
        let foreign = try Data(contentsOf: otherDatabase)[page * pageBytes..<(page + 1) * pageBytes]
        try editFile(database) { $0.replaceSubrange(page * pageBytes..<(page + 1) * pageBytes, with: foreign) }
        #expect(openAndReadEverything(folder)?.code == .tampered, "page \(page + 1)")
    }

    @Test func aFileTruncatedByWholePagesIsReportedAsTampered() throws {
        let temp = try TemporaryFolder()
        let (folder, database, pages) = try tamperTarget(temp)
        try editFile(database) { $0.removeLast(pageBytes * 3) }
        #expect(pages > 3)
        #expect(openAndReadEverything(folder)?.code == .tampered)
    }

    @Test func aFileTruncatedMidPageIsReportedAsTampered() throws {
        let temp = try TemporaryFolder()
        let (folder, database, _) = try tamperTarget(temp)
        try editFile(database) { $0.removeLast(1_000) }
        #expect(openAndReadEverything(folder)?.code == .tampered)
    }

    @Test func anotherReplicasDatabaseUnderThisKeyFileIsReportedAsTampered() throws {
        let temp = try TemporaryFolder()
        let (folder, database, _) = try tamperTarget(temp, "a")
        let (_, otherDatabase, _) = try tamperTarget(temp, "b")
        try FileManager.default.removeItem(at: database)
        try FileManager.default.copyItem(at: otherDatabase, to: database)
        #expect(openAndReadEverything(folder)?.code == .tampered)
    }
}
