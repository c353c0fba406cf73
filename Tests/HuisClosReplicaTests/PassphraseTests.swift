import Foundation
import GRDB
import HuisClosL10n
import HuisClosReplica
import HuisClosTestSupport
import Testing

@Suite(.tags(.slow)) struct PassphraseTests {
    @Test func wrongPassphraseIsATypedErrorAndLeavesTheKeyFileByteIdentical() throws {
        let temp = try TemporaryFolder()
        let folder = try closedReplica(in: temp, rows: 10)
        let paths = ReplicaPaths(folder: folder)
        let keyBefore = try Data(contentsOf: paths.key)
        let databaseBefore = try Data(contentsOf: paths.database)
        let error = replicaError { _ = try Replica.open(at: folder, passphrase: "not the passphrase") }
        #expect(error?.code == .wrongPassphrase)
        #expect(error?.message.contains("not the passphrase") == false)
        #expect(try Data(contentsOf: paths.key) == keyBefore)
        #expect(try Data(contentsOf: paths.database) == databaseBefore)
        #expect(!FileManager.default.fileExists(atPath: paths.wal.path))
    }

    @Test func changedPassphraseOpensWithTheNewOneOnlyAndRewritesNoPage() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let replica = try makeReplica(in: folder, rows: 50)
        try replica.database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let paths = ReplicaPaths(folder: folder)
        let databaseBefore = try Data(contentsOf: paths.database)
        let keyBefore = try Data(contentsOf: paths.key)

        #expect(replicaError { try replica.changePassphrase(from: "wrong", to: "nouvelle phrase") }?.code == .wrongPassphrase)
        #expect(try Data(contentsOf: paths.key) == keyBefore)
        try replica.changePassphrase(from: passphrase, to: "nouvelle phrase")
        #expect(try Data(contentsOf: paths.database) == databaseBefore)
        #expect(try Data(contentsOf: paths.key) != keyBefore)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("replica.key.new").path))
        try replica.close()

        #expect(replicaError { _ = try Replica.open(at: folder, passphrase: passphrase) }?.code == .wrongPassphrase)
        let reopened = try Replica.open(at: folder, passphrase: "nouvelle phrase")
        defer { try? reopened.close() }
        #expect(try readEverything(reopened) == "ok")
    }

    @Test func emptyPassphrasesAreRefused() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        #expect(replicaError { _ = try Replica.create(at: folder, passphrase: "", limits: fastLimits) }?.code == .invalidPassphrase)
        let replica = try makeReplica(in: folder, rows: 1)
        defer { try? replica.close() }
        #expect(replicaError { try replica.changePassphrase(from: passphrase, to: "") }?.code == .invalidPassphrase)
    }

    /// Low finding of issue 11: a newly chosen passphrase has at least 12 characters (counted as
    /// a person counts them); unlocking with an existing one is never checked.
    @Test func passphrasesShorterThanTwelveCharactersAreRefusedWhenChosen() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        let short = replicaError { _ = try Replica.create(at: folder, passphrase: "séance 2026", limits: fastLimits) }
        #expect(short?.code == .invalidPassphrase && short?.message.contains("at least 12") == true, "\(String(describing: short))")
        #expect(!FileManager.default.fileExists(atPath: ReplicaPaths(folder: folder).key.path))
        let replica = try Replica.create(at: folder, passphrase: "se\u{301}ance 2026!", limits: fastLimits)  // 12 characters, 13 scalars
        defer { try? replica.close() }
        #expect(replicaError { try replica.changePassphrase(from: "se\u{301}ance 2026!", to: "court") }?.code == .invalidPassphrase)
    }

    @Test func doctoredKeyFileLimitsAreRefusedBeforeKeyDerivation() throws {
        let temp = try TemporaryFolder()
        let folder = try closedReplica(in: temp, rows: 1)
        try editFile(ReplicaPaths(folder: folder).key) { bytes in
            for i in 18..<26 { bytes[i] = 0xff }  // memory limit: 16 EiB
        }
        #expect(replicaError { _ = try Replica.open(at: folder, passphrase: passphrase) }?.code == .keyFileDamaged)
    }

    @Test func alteredKeyFileSaltFailsLikeAWrongPassphrase() throws {
        let temp = try TemporaryFolder()
        let folder = try closedReplica(in: temp, rows: 1)
        try editFile(ReplicaPaths(folder: folder).key) { $0[30] ^= 0x01 }
        #expect(replicaError { _ = try Replica.open(at: folder, passphrase: passphrase) }?.code == .wrongPassphrase)
    }

    @Test func aPassphraseOpensWhateverItsUnicodeNormalisation() throws {
        let temp = try TemporaryFolder()
        let folder = temp.replicaFolder()
        try Replica.create(at: folder, passphrase: "s\u{E9}ance du conseil", limits: fastLimits).close()  // é composed
        let replica = try Replica.open(at: folder, passphrase: "se\u{301}ance du conseil")                  // e + accent
        try replica.close()
    }
}
