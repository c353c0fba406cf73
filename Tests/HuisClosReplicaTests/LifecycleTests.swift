import Foundation
import GRDB
import HuisClosReplica
import HuisClosTestSupport
import Testing

@Suite(.tags(.slow)) struct LifecycleTests {
    @Test func createRefusesAFolderThatAlreadyHoldsAReplica() throws {
        let temp = try TemporaryFolder()
        let folder = try closedReplica(in: temp, rows: 1)
        #expect(replicaError { _ = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits) }?.code == .alreadyExists)
    }

    /// Made in a folder that already existed open to others (a new secretariat's acceptance run
    /// found replica.db 0644): the folder is closed and every file is the owner's alone, the WAL
    /// SQLite creates later included (it takes the database file's mode).
    @Test func aReplicaAndItsFolderAreTheOwnersAlone() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let replica = try makeReplica(in: folder, rows: 3)
        defer { try? replica.close() }
        func mode(_ name: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.posixPermissions] as? Int)
        }
        #expect(try mode("") == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("replica") }
        #expect(files.contains("replica.db-wal"), "\(files)")
        for file in files { #expect(try mode(file) == 0o600, "\(file)") }

        // One made before (or loosened since) is closed again when it is opened (the attacker's review).
        try replica.close()
        for name in ["", "replica.db", "replica.key"] {
            try FileManager.default.setAttributes([.posixPermissions: name.isEmpty ? 0o755 : 0o644], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        let reopened = try Replica.open(at: folder, passphrase: passphrase)
        defer { try? reopened.close() }
        #expect(try mode("") == 0o700 && mode("replica.db") == 0o600 && mode("replica.key") == 0o600)
    }

    @Test func openingAMissingReplicaSaysNotFound() throws {
        let temp = try TemporaryFolder()
        #expect(replicaError { _ = try Replica.open(at: temp.replicaFolder(), passphrase: passphrase) }?.code == .notFound)
    }

    @Test func aReplicaIsOpenOnceAndCannotBeDestroyedWhileOpen() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let replica = try makeReplica(in: folder, rows: 1)
        #expect(replicaError { _ = try Replica.open(at: folder, passphrase: passphrase) }?.code == .inUse)
        #expect(replicaError { try Replica.destroy(at: folder) }?.code == .inUse)
        try replica.close()
        try replica.close()  // harmless when repeated
        #expect(replicaError { try replica.changePassphrase(from: passphrase, to: "autre phrase de passe") }?.code == .closed)
        let again = try Replica.open(at: folder, passphrase: passphrase)
        try again.close()
    }

    @Test func aClosedReplicaRefusesReadsAndWritesWithTheClosedError() throws {
        let temp = try TemporaryFolder()
        let replica = try makeReplica(in: temp.replicaFolder(), rows: 1)
        try replica.close()
        #expect(replicaError { _ = try replica.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM item") } }?.code == .closed)
        #expect(replicaError { try replica.database.write { db in try db.execute(sql: "DELETE FROM item") } }?.code == .closed)
    }

    @Test func destroyErasesTheKeyFileAndRemovesEveryFile() throws {
        let temp = try TemporaryFolder()
        let folder = try closedReplica(in: temp, rows: 20)
        try Replica.destroy(at: folder)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(replicaError { _ = try Replica.open(at: folder, passphrase: passphrase) }?.code == .notFound)
    }

    @Test func noShmOrJournalFileIsEverCreated() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let replica = try makeReplica(in: folder, rows: 50)
        let whileOpen = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try replica.close()
        let afterClose = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(whileOpen == ["replica.db", "replica.db-wal", "replica.key"])
        #expect(afterClose == ["replica.db", "replica.key"])
    }
}

@Suite(.tags(.slow)) struct CheckpointLeverTests {
    @Test func aCheckpointCopiesFramesThisConnectionWroteWithoutDecryptingOrSealingAgain() throws {
        let temp = try TemporaryFolder()
        let replica = try makeReplica(in: temp.replicaFolder(), rows: 400)
        defer { try? replica.close() }
        let before = try replica.encryptionCounters()
        try replica.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let after = try replica.encryptionCounters()
        let copied = (after.reused - before.reused) + (after.sealed - before.sealed)
        #expect(copied > 60)
        #expect(after.opened == before.opened)                       // nothing decrypted
        #expect(after.cached - before.cached == copied)               // every frame from the cache
        #expect(after.sealed - before.sealed <= 3)                    // only commit frames (other AD)
    }
}
