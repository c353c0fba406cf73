import Foundation
import GRDB
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

/// The device profile's own tables inside the encrypted replica (never a side file): keys, the
/// pinned root, the verified log, the sealed keys as received, cursors, last sync.
///
/// Table names start with `device_` so they never meet the change store's tables.
enum DeviceVault {
    /// The profile row as stored.
    struct Profile: Sendable {
        var member: MemberID
        var signingSeed: SecureBytes
        var agreementSeed: SecureBytes
        var server: String
        var rootKey: SigningPublicKey
        var rootSeed: SecureBytes?
        var charterDigest: [UInt8]
        var lastSyncSeconds: Int64
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("device-v1") { db in
            try db.execute(sql: """
                CREATE TABLE device_profile (
                    id INTEGER PRIMARY KEY CHECK (id = 1), member BLOB NOT NULL, signing_seed BLOB NOT NULL,
                    agreement_seed BLOB NOT NULL, server TEXT NOT NULL, root_key BLOB NOT NULL, root_seed BLOB,
                    charter_digest BLOB NOT NULL, last_sync INTEGER NOT NULL);
                CREATE TABLE device_membership (idx INTEGER PRIMARY KEY, bytes BLOB NOT NULL);
                CREATE TABLE device_sealed_key (bytes BLOB PRIMARY KEY, accepted_at INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE device_key_link (bytes BLOB PRIMARY KEY) WITHOUT ROWID;
                CREATE TABLE device_shared (
                    scope TEXT NOT NULL, epoch INTEGER NOT NULL, recipient BLOB NOT NULL,
                    PRIMARY KEY (scope, epoch, recipient)) WITHOUT ROWID;
                CREATE TABLE device_cursor (scope TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
                """)
        }
        // Relay arrival times of pulled batches (`BatchArrivals`): batch id → Unix ms, with the
        // batch's first and last operation timestamps (44-byte canonical form, same author).
        migrator.registerMigration("device-v2-arrivals") { db in
            try db.execute(sql: """
                CREATE TABLE device_batch_arrival (
                    device BLOB NOT NULL, scope TEXT NOT NULL, sequence INTEGER NOT NULL, received_at_ms INTEGER NOT NULL,
                    first_op BLOB, last_op BLOB, PRIMARY KEY (device, scope, sequence)) WITHOUT ROWID;
                """)
        }
        // Key-chain links now travel inside the signed epoch records of the log: the separate
        // links received from the relay's former mailbox are dropped, unused.
        migrator.registerMigration("device-v3-links-in-log") { db in
            try db.execute(sql: "DROP TABLE device_key_link")
        }
        // The hash of the batch at each scope's cursor (`LogCursor`): how a sync sees that the
        // relay lost batches this device had pulled. NULL for cursors kept before.
        migrator.registerMigration("device-v4-cursor-hash") { db in
            try db.execute(sql: "ALTER TABLE device_cursor ADD COLUMN batch_hash BLOB")
        }
        // This device's own settings (e.g. the secretariat's mail server), never synced.
        migrator.registerMigration("device-v5-settings") { db in
            try db.execute(sql: "CREATE TABLE device_setting (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
        }
        // The relay's incarnation at the last sync (`HuisClos-Incarnation`): a change means a restore.
        migrator.registerMigration("device-v6-relay-incarnation") { db in
            try db.execute(sql: "CREATE TABLE device_relay_incarnation (id INTEGER PRIMARY KEY CHECK (id = 1), value TEXT NOT NULL)")
        }
        // The records this device signed and sent, until it knows their fate (`Device.settleOutbound`).
        migrator.registerMigration("device-v7-outbound") { db in
            try db.execute(sql: "CREATE TABLE device_outbound_record (idx INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
        }
        // Each full repair a new relay incarnation set off, when, and whether a sync finished it
        // (`Device.noticeRelayIncarnation`). Dropped first: a development build made it otherwise.
        migrator.registerMigration("device-v8-relay-repairs") { db in
            try db.execute(sql: """
                DROP TABLE IF EXISTS device_relay_repair;
                CREATE TABLE device_relay_repair (at INTEGER NOT NULL, incarnation TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0);
                """)
        }
        return migrator
    }

    static func save(_ profile: Profile, in db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO device_profile
              (id, member, signing_seed, agreement_seed, server, root_key, root_seed, charter_digest, last_sync)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [Data(profile.member.bytes), data(profile.signingSeed), data(profile.agreementSeed), profile.server,
                             Data(profile.rootKey.bytes), profile.rootSeed.map(data), Data(profile.charterDigest), profile.lastSyncSeconds])
    }

    static func load(from db: Database) throws -> Profile? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM device_profile WHERE id = 1") else { return nil }
        let rootSeed: Data? = row["root_seed"]
        return Profile(member: try MemberID(bytes: [UInt8](row["member"] as Data)),
                       signingSeed: try SecureBytes(copying: [UInt8](row["signing_seed"] as Data)),
                       agreementSeed: try SecureBytes(copying: [UInt8](row["agreement_seed"] as Data)),
                       server: row["server"], rootKey: try SigningPublicKey(bytes: [UInt8](row["root_key"] as Data)),
                       rootSeed: try rootSeed.map { try SecureBytes(copying: [UInt8]($0)) },
                       charterDigest: [UInt8](row["charter_digest"] as Data), lastSyncSeconds: row["last_sync"])
    }

    static func records(in db: Database) throws -> [[UInt8]] {
        try Data.fetchAll(db, sql: "SELECT bytes FROM device_membership ORDER BY idx").map { [UInt8]($0) }
    }

    static func append(records: [MembershipRecord], in db: Database) throws {
        for record in records {
            try db.execute(sql: "INSERT OR REPLACE INTO device_membership (idx, bytes) VALUES (?, ?)",
                           arguments: [Int64(record.index), Data(record.encoded)])
        }
    }

    static func sealedKeys(in db: Database) throws -> [(bytes: [UInt8], acceptedAt: Int64)] {
        try Row.fetchAll(db, sql: "SELECT bytes, accepted_at FROM device_sealed_key ORDER BY accepted_at").map {
            ([UInt8]($0["bytes"] as Data), $0["accepted_at"])
        }
    }

    static func keep(sealedKey bytes: [UInt8], acceptedAt: Int64, in db: Database) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO device_sealed_key (bytes, accepted_at) VALUES (?, ?)", arguments: [Data(bytes), acceptedAt])
    }

    static func shared(scope: ScopeID, epoch: UInt32, in db: Database) throws -> Set<[UInt8]> {
        Set(try Data.fetchAll(db, sql: "SELECT recipient FROM device_shared WHERE scope = ? AND epoch = ?",
                              arguments: [scope.rawValue, Int64(epoch)]).map { [UInt8]($0) })
    }

    static func markShared(scope: ScopeID, epoch: UInt32, recipients: [SigningPublicKey], in db: Database) throws {
        for recipient in recipients {
            try db.execute(sql: "INSERT OR IGNORE INTO device_shared (scope, epoch, recipient) VALUES (?, ?, ?)",
                           arguments: [scope.rawValue, Int64(epoch), Data(recipient.bytes)])
        }
    }

    /// The relay's incarnation this device kept at its last sync; nil before the first one that saw one.
    static func relayIncarnation(in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM device_relay_incarnation WHERE id = 1")
    }

    static func keep(relayIncarnation value: String, in db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO device_relay_incarnation (id, value) VALUES (1, ?)", arguments: [value])
    }

    /// The records this device sent whose fate it does not know yet, oldest first.
    static func outbound(in db: Database) throws -> [[UInt8]] {
        try Data.fetchAll(db, sql: "SELECT bytes FROM device_outbound_record ORDER BY idx").map { [UInt8]($0) }
    }

    /// True when records sent are noted, their fate unknown.
    static func hasOutbound(in db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM device_outbound_record)") ?? false
    }

    /// Notes `records` as sent, in place of any noted before (they were settled first).
    static func keep(outbound records: [MembershipRecord], in db: Database) throws {
        try forgetOutbound(in: db)
        for record in records {
            try db.execute(sql: "INSERT INTO device_outbound_record (idx, bytes) VALUES (?, ?)",
                           arguments: [Int64(record.index), Data(record.encoded)])
        }
    }

    static func forgetOutbound(in db: Database) throws {
        try db.execute(sql: "DELETE FROM device_outbound_record")
    }

    /// The full repairs made since `since` (Unix seconds, this device's clock): the incarnation that
    /// set each off, and whether a sync finished it.
    static func relayRepairs(since: Int64, in db: Database) throws -> [(incarnation: String, done: Bool)] {
        try Row.fetchAll(db, sql: "SELECT incarnation, done FROM device_relay_repair WHERE at > ? ORDER BY rowid", arguments: [since]).map {
            ($0["incarnation"], $0["done"])
        }
    }

    /// Notes a full repair set off by `incarnation` at `time`, and forgets those older than a day.
    static func noteRelayRepair(of incarnation: String, at time: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM device_relay_repair WHERE at <= ?", arguments: [time - 86_400])
        try db.execute(sql: "INSERT INTO device_relay_repair (at, incarnation) VALUES (?, ?)", arguments: [time, incarnation])
    }

    /// Marks the repairs `incarnation` set off as finished (the sync that made them went through).
    static func finishRelayRepairs(of incarnation: String, in db: Database) throws {
        try db.execute(sql: "UPDATE device_relay_repair SET done = 1 WHERE incarnation = ?", arguments: [incarnation])
    }

    /// Forgets whom this device sealed keys to: the next sync seals every held current key again to
    /// every entitled device (a relay restored from an older backup lost the drops).
    static func forgetShared(in db: Database) throws {
        try db.execute(sql: "DELETE FROM device_shared")
    }

    private static func data(_ secret: SecureBytes) -> Data {
        secret.withUnsafeBytes { Data($0) }
    }
}
