public import Foundation
import GRDB
public import HuisClosWire

/// Consultations' mailboxes of sealed contributions, in the same SQLite file.
extension SQLiteServerStorage {
    public func storeContribution(_ sealed: [UInt8], consultation: String, receivedAt: Date, max: Int) async throws(StorageError) -> UInt64? {
        try await write("storing a contribution") { db in
            let count = try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM contribution WHERE consultation = ?", arguments: [consultation]) ?? 0
            guard count < Int64(max) else { return nil }
            let position = (try Int64.fetchOne(db, sql: "SELECT MAX(position) FROM contribution WHERE consultation = ?",
                                               arguments: [consultation]) ?? 0) + 1
            try db.execute(sql: "INSERT INTO contribution (consultation, position, received_at_ms, bytes) VALUES (?, ?, ?, ?)",
                           arguments: [consultation, position, Int64(receivedAt.timeIntervalSince1970 * 1000), Data(sealed)])
            return UInt64(position)
        }
    }

    public func contributions(of consultation: String, after: UInt64, maxCount: Int) async throws(StorageError) -> [ContributionPage.Entry] {
        try await read("reading contributions") { db in
            try Row.fetchAll(db, sql: """
                SELECT position, received_at_ms, bytes FROM contribution WHERE consultation = ? AND position > ? ORDER BY position LIMIT ?
                """, arguments: [consultation, Int64(clamping: after), maxCount]).map { row in
                ContributionPage.Entry(position: UInt64(row[0] as Int64), receivedAtMs: UInt64(max(0, row[1] as Int64)), sealed: [UInt8](row[2] as Data))
            }
        }
    }
}
