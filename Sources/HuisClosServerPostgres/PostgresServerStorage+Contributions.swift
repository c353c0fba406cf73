public import Foundation
public import HuisClosServer
public import HuisClosWire
import NIOCore
import PostgresNIO

/// Consultations' mailboxes of sealed contributions, in the same database.
extension PostgresServerStorage {
    public func storeContribution(_ sealed: [UInt8], consultation: String, receivedAt: Date, max: Int) async throws(StorageError) -> UInt64? {
        try await write("storing a contribution") { connection in
            // Instances appending to one mailbox at once take positions one after the other.
            try await connection.run("LOCK TABLE contribution IN SHARE ROW EXCLUSIVE MODE", logger)
            let count = try await connection.value(Int64.self, "SELECT COUNT(*) FROM contribution WHERE consultation = \(consultation)", logger) ?? 0
            guard count < Int64(max) else { return nil }
            let position = (try await connection.value(Int64.self, "SELECT MAX(position) FROM contribution WHERE consultation = \(consultation)", logger) ?? 0) + 1
            let receivedMs = Int64(receivedAt.timeIntervalSince1970 * 1000)
            try await connection.run("""
                INSERT INTO contribution (consultation, position, received_at_ms, bytes) VALUES (\(consultation), \(position), \(receivedMs), \(bytea(sealed)))
                """, logger)
            return UInt64(position)
        }
    }

    public func contributions(of consultation: String, after: UInt64, maxCount: Int) async throws(StorageError) -> [ContributionPage.Entry] {
        try await read("reading contributions") { connection in
            try await connection.rows("""
                SELECT position, received_at_ms, bytes FROM contribution
                WHERE consultation = \(consultation) AND position > \(Int64(clamping: after)) ORDER BY position LIMIT \(Int64(maxCount))
                """, logger).map { row in
                let (position, received, bytes) = try row.decode((Int64, Int64, ByteBuffer).self)
                return ContributionPage.Entry(position: UInt64(position), receivedAtMs: UInt64(max(0, received)), sealed: bytes.bytes)
            }
        }
    }
}
