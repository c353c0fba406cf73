import Foundation
import HuisClosTestSupport
import GRDB
import HuisClosCrypto
import HuisClosReplica
import Testing

/// Argon2id at its minimum cost: the tests exercise the replica, not the key derivation.
let fastLimits = PasswordKey.Limits(opsLimit: 1, memLimitBytes: 8 * 1024)
let passphrase = "conseil numérique 93"

/// A fresh folder under TMPDIR, deleted (with everything in it) when the test ends.
final class TemporaryFolder {
    let url: URL

    init() throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
        url = base.appendingPathComponent("huisclos-replica-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A not-yet-existing subfolder for a replica.
    func replicaFolder(_ name: String = "replica") -> URL { url.appendingPathComponent(name) }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The files of a replica folder, as the tests address them.
struct ReplicaPaths {
    let folder: URL
    var database: URL { folder.appendingPathComponent("replica.db") }
    var wal: URL { folder.appendingPathComponent("replica.db-wal") }
    var key: URL { folder.appendingPathComponent("replica.key") }
}

/// Creates a replica holding `rows` rows of `bodyBytes` random bytes each in table `item`.
func makeReplica(in folder: URL, rows: Int = 300, bodyBytes: Int = 600) throws -> Replica {
    let replica = try Replica.create(at: folder, passphrase: passphrase, limits: fastLimits)
    try replica.database.write { db in
        try db.execute(sql: "CREATE TABLE item(id INTEGER PRIMARY KEY, body BLOB NOT NULL)")
        for id in 1...rows {
            try db.execute(sql: "INSERT INTO item(id, body) VALUES (?, ?)",
                           arguments: [id, Data(try Sodium.randomBytes(bodyBytes))])
        }
    }
    return replica
}

/// A closed replica of `rows` rows in a new folder `name` of `temp`.
func closedReplica(in temp: TemporaryFolder, named name: String = "replica", rows: Int = 300) throws -> URL {
    let folder = temp.replicaFolder(name)
    try makeReplica(in: folder, rows: rows).close()
    return folder
}

/// Reads every page of every table and index of the replica (the whole-file check).
func readEverything(_ replica: Replica) throws -> String? {
    try replica.database.read { db in
        _ = try Row.fetchAll(db, sql: "SELECT * FROM item")
        return try String.fetchOne(db, sql: "PRAGMA integrity_check")
    }
}

/// The `ReplicaError` that `body` throws, classified; nil if it did not throw.
func replicaError(_ body: () throws -> Void) -> ReplicaError? {
    do {
        try body()
        return nil
    } catch {
        return ReplicaError(classifying: error)
    }
}

/// Rewrites the bytes of `url` through `edit`.
func editFile(_ url: URL, _ edit: (inout [UInt8]) -> Void) throws {
    var bytes = [UInt8](try Data(contentsOf: url))
    edit(&bytes)
    try Data(bytes).write(to: url)
}

/// Runs `/usr/bin/sqlite3` with `arguments`; returns its exit status and standard output.
func runSQLiteCLI(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let sqlite = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/sqlite3"), arguments)
    return (sqlite.termination.status, sqlite.output)
}
