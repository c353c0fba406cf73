import Foundation
import GRDB
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// Upgrades (issue 14, item 4): the current `huisclos-server` started on a data folder written by
/// an early version migrates it forward and serves what it held — the device logs in, its
/// batches and file come back.
///
/// The fixture is the schema of the first two migrations (`v1`, `v2-membership`) written out as
/// that version's binary left it, frozen here on purpose: editing a migration in the sources must
/// not silently change what "an old database" means.
@Suite struct UpgradeTests {
    static let schemaV2 = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1'), ('v2-membership');
        CREATE TABLE enrolment_code (
            hash BLOB PRIMARY KEY, grants BLOB NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
        CREATE TABLE device (
            key BLOB PRIMARY KEY, agreement_key BLOB NOT NULL, grants BLOB NOT NULL,
            enrolled_at INTEGER NOT NULL, revoked_at INTEGER);
        CREATE TABLE challenge (nonce BLOB PRIMARY KEY, device BLOB NOT NULL, expires_at INTEGER NOT NULL);
        CREATE TABLE token (hash BLOB PRIMARY KEY, device BLOB NOT NULL, expires_at INTEGER NOT NULL);
        CREATE INDEX token_device ON token(device);
        CREATE TABLE scope_log (
            scope TEXT NOT NULL, position INTEGER NOT NULL, device BLOB NOT NULL,
            sequence INTEGER NOT NULL, hash BLOB NOT NULL, bytes BLOB NOT NULL,
            PRIMARY KEY (scope, position)) WITHOUT ROWID;
        CREATE UNIQUE INDEX scope_log_chain ON scope_log(device, scope, sequence);
        CREATE TABLE file (id TEXT PRIMARY KEY, scope TEXT NOT NULL, total_size INTEGER NOT NULL);
        CREATE TABLE file_chunk (
            file TEXT NOT NULL REFERENCES file(id), idx INTEGER NOT NULL, hash BLOB NOT NULL,
            PRIMARY KEY (file, idx)) WITHOUT ROWID;
        CREATE INDEX file_chunk_hash ON file_chunk(file, hash);
        CREATE TABLE chunk (hash BLOB PRIMARY KEY, bytes BLOB NOT NULL);
        CREATE TABLE membership_record (idx INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
        CREATE TABLE sealed_key (
            recipient BLOB NOT NULL, scope TEXT NOT NULL, epoch INTEGER NOT NULL, issuer BLOB NOT NULL,
            bytes BLOB NOT NULL, PRIMARY KEY (recipient, scope, epoch, issuer)) WITHOUT ROWID;
        CREATE TABLE key_link (
            scope TEXT NOT NULL, epoch INTEGER NOT NULL, bytes BLOB NOT NULL,
            PRIMARY KEY (scope, epoch)) WITHOUT ROWID;
        """

    /// Writes the old database into `folder`: one device, three of its batches, one file of one chunk.
    static func writeOldRelay(in folder: URL, batches: [BatchEnvelope], chunk: [UInt8]) throws {
        let queue = try DatabaseQueue(path: folder.appendingPathComponent(SQLiteServerStorage.fileName).path)
        try queue.write { db in
            try db.execute(sql: schemaV2)
            let device = Data(StorageConformance.device.publicKey.bytes)
            try db.execute(sql: "INSERT INTO device (key, agreement_key, grants, enrolled_at) VALUES (?, x'', ?, 0)",
                           arguments: [device, Data(StoredGrants.encode(StorageConformance.access))])
            for (index, batch) in batches.enumerated() {
                try db.execute(sql: "INSERT INTO scope_log VALUES ('council', ?, ?, ?, ?, ?)",
                               arguments: [index + 1, device, index + 1, Data(batch.hash), Data(batch.encoded)])
            }
            try db.execute(sql: "INSERT INTO file VALUES ('0dd-f11e', 'council', ?)", arguments: [chunk.count])
            try db.execute(sql: "INSERT INTO file_chunk VALUES ('0dd-f11e', 0, ?)", arguments: [Data(Hash.blake2b(chunk))])
            try db.execute(sql: "INSERT INTO chunk VALUES (?, ?)", arguments: [Data(Hash.blake2b(chunk)), Data(chunk)])
        }
        try queue.close()
    }

    @Test func theCurrentServerMigratesAnOldDatabaseForwardAndServesWhatItHeld() async throws {
        let folder = try TemporaryFolder("upgrade-sqlite")
        defer { folder.remove() }
        let batches = try StorageConformance.batches(3)
        let chunk = Array("a dossier's ciphertext, stored before chunk scopes existed".utf8)
        try Self.writeOldRelay(in: folder.url, batches: batches, chunk: chunk)

        let server = try await ServerProcess.start(folder: folder.url)
        do {
            let device = SyncClient(server: server.url, device: StorageConformance.device)
            #expect(try await device.login().readable.contains(.council), "the device enrolled under the old version logs in")
            let page = try await device.pull(scope: .council, after: 0)
            #expect(page.batches.map(\.encoded) == batches.map(\.encoded) && page.head == 3)
            #expect(page.receivedAtMs == [0, 0, 0], "batches from before arrival times were kept say 'unknown' (0)")
            #expect(try await device.download(chunk: Hash.blake2b(chunk), file: try FileID("0dd-f11e")).bytes == chunk,
                    "a chunk held before chunk scopes is served from its file's scope")
            // The new version goes on from there.
            let next = try BatchEnvelope.sign(device: StorageConformance.device, scope: .council, epoch: 1, sequence: 4,
                                              previousHash: batches[2].hash, bodyKind: .sealed, body: [4])
            #expect(try await device.push([next]).map(\.status) == [.accepted])
        } catch {
            await server.terminate()
            throw error
        }
        await server.terminate()
        let migrations = try DatabaseQueue(path: folder.url.appendingPathComponent(SQLiteServerStorage.fileName).path)
        let applied = try await migrations.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.count == 5 && applied.contains("v4-chunk-scopes"), "\(applied)")
    }
}
