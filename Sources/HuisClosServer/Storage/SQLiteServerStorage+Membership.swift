import Foundation
import GRDB
public import HuisClosCrypto
import HuisClosProtocol

/// The relayed membership log and the sealed-key mailbox, in the same SQLite file.
extension SQLiteServerStorage {
    public func membershipRecords(from: UInt64) async throws(StorageError) -> [[UInt8]] {
        try await read("reading the membership log") { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM membership_record WHERE idx >= ? ORDER BY idx",
                              arguments: [Int64(clamping: from)]).map { [UInt8]($0) }
        }
    }

    public func appendMembershipRecords(_ records: [[UInt8]], at: UInt64) async throws(StorageError) -> Bool {
        try await write("appending to the membership log") { db in
            let count = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM membership_record") ?? 0
            guard count == Int64(clamping: at) else { return false }
            for (offset, bytes) in records.enumerated() {
                try db.execute(sql: "INSERT INTO membership_record (idx, bytes) VALUES (?, ?)",
                               arguments: [count + Int64(offset), Data(bytes)])
            }
            return true
        }
    }

    public func storeSealedKeys(_ keys: [MailboxKey]) async throws(StorageError) {
        try await write("storing sealed keys") { db in
            for key in keys {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO sealed_key (recipient, scope, epoch, issuer, bytes) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [Data(key.recipient.bytes), key.scope.rawValue, Int64(key.epoch), Data(key.issuer.bytes), Data(key.bytes)])
            }
        }
    }

    public func sealedKeys(for recipient: SigningPublicKey) async throws(StorageError) -> [[UInt8]] {
        try await read("reading a key mailbox") { db in
            try Data.fetchAll(db, sql: "SELECT bytes FROM sealed_key WHERE recipient = ? ORDER BY scope, epoch, issuer",
                              arguments: [Data(recipient.bytes)]).map { [UInt8]($0) }
        }
    }
}
