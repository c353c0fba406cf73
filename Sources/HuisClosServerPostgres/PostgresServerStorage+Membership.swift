import Foundation
public import HuisClosCrypto
import HuisClosProtocol
public import HuisClosServer
import NIOCore
import PostgresNIO

/// The relayed membership log and the sealed-key mailbox, in the same database.
extension PostgresServerStorage {
    /// Advisory lock key serialising appends to the default council's membership log across instances.
    static let membershipLock: Int64 = 0x4855_4953_4D45_4D42  // "HUISMEMB"

    /// This storage's append lock: the default council's key seeded by `lockSeed` (0 for the
    /// default council: unchanged, so old and new instances still serialise during a rolling
    /// upgrade), so councils never wait on each other's appends.
    var membershipLockKey: Int64 { Self.membershipLock ^ lockSeed }

    public func membershipRecords(from: UInt64) async throws(StorageError) -> [[UInt8]] {
        try await read("reading the membership log") { connection in
            try await connection.rows("SELECT bytes FROM membership_record WHERE idx >= \(Int64(clamping: from)) ORDER BY idx", logger)
                .map { try $0.decode(ByteBuffer.self).bytes }
        }
    }

    public func appendMembershipRecords(_ records: [[UInt8]], at: UInt64) async throws(StorageError) -> Bool {
        try await write("appending to the membership log") { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(membershipLockKey))", logger)
            let count = try await connection.value(Int64.self, "SELECT COUNT(*) FROM membership_record", logger) ?? 0
            guard count == Int64(clamping: at) else { return false }
            for (offset, bytes) in records.enumerated() {
                try await connection.run("INSERT INTO membership_record (idx, bytes) VALUES (\(count + Int64(offset)), \(bytea(bytes)))", logger)
            }
            return true
        }
    }

    public func storeSealedKeys(_ keys: [MailboxKey]) async throws(StorageError) {
        try await write("storing sealed keys") { connection in
            for key in keys {
                try await connection.run("""
                    INSERT INTO sealed_key (recipient, scope, epoch, issuer, bytes)
                    VALUES (\(bytea(key.recipient.bytes)), \(key.scope.rawValue), \(Int64(key.epoch)), \(bytea(key.issuer.bytes)), \(bytea(key.bytes)))
                    ON CONFLICT DO NOTHING
                    """, logger)
            }
        }
    }

    public func sealedKeys(for recipient: SigningPublicKey) async throws(StorageError) -> [[UInt8]] {
        try await read("reading a key mailbox") { connection in
            try await connection.rows("""
                SELECT bytes FROM sealed_key WHERE recipient = \(bytea(recipient.bytes)) ORDER BY scope, epoch, issuer
                """, logger).map { try $0.decode(ByteBuffer.self).bytes }
        }
    }
}
