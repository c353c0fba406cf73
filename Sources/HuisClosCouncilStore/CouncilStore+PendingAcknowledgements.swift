import Foundation
import GRDB
import HuisClosL10n
import HuisClosStore

/// Acknowledgements made by reading commands, which must never fail for them: a device that
/// cannot write now (full disk, read-only store, a clock behind its last write, an expired lease)
/// still shows the séances, and the acknowledgement is queued with the time of reading, then
/// recorded at the next reading command or sync that can write (`recordPendingAcknowledgements`).
extension CouncilStore {
    /// Acknowledges receipt of `receipts` (and reading of `reading`) for `member`, at this time,
    /// now if this device can write, otherwise queued. Never throws: returns nil when recorded,
    /// otherwise what happened and what to do, to show beside what was read.
    public func acknowledgeWhenPossible(receipts: [String], reading: String? = nil, member: String) -> Text? {
        let now = nowMs()
        var marks = receipts.map { PendingAcknowledgement(seance: $0, member: member, field: CouncilRecords.Field.receivedMs, atMs: now) }
        if let reading {
            marks += [CouncilRecords.Field.receivedMs, CouncilRecords.Field.readMs]
                .map { PendingAcknowledgement(seance: reading, member: member, field: $0, atMs: now) }
        }
        let failure: any Error
        do {
            try record((try pendingAcknowledgements()) + marks)
            return nil
        } catch {
            failure = error
        }
        do {
            try queue(marks)
            return Text(fr: "Accusé de réception ou de lecture pas encore enregistré (\(failure)) : il l'est, daté de maintenant, à la prochaine synchronisation ou lecture qui peut écrire. Vérifiez l'heure de l'appareil et la place libre.",
                        en: "Receipt or reading acknowledgement not recorded yet (\(failure)): it is, dated now, at the next sync or reading that can write. Check the device's clock and free space.")
        } catch {
            return Text(fr: "Accusé de réception ou de lecture non enregistré (\(failure)) : cet appareil ne peut pas écrire. Libérez de la place ou vérifiez l'heure de l'appareil, puis relisez la séance.",
                        en: "Receipt or reading acknowledgement not recorded (\(failure)): this device cannot write. Free some space or check the device's clock, then read the séance again.")
        }
    }

    /// Records the acknowledgements queued by earlier readings (with their reading times) and
    /// empties the queue; throws, keeping the queue, when this device still cannot write.
    public func recordPendingAcknowledgements() throws {
        let pending = try pendingAcknowledgements()
        guard !pending.isEmpty else { return }
        try record(pending)
    }

    /// Records each mark (each once: an acknowledgement already held keeps its first time), then
    /// takes those marks, and only those, off the queue: a mark queued meanwhile (a reading beside a
    /// `sync --watch`) stays for the next time.
    private func record(_ marks: [PendingAcknowledgement]) throws {
        for mark in marks {
            try acknowledge(seance: mark.seance, member: mark.member, field: mark.field, atMs: mark.atMs)
        }
        guard try store.database.read({ try $0.tableExists(Self.pendingTable) }) else { return }
        try store.database.write { db in
            for mark in marks {
                try db.execute(sql: "DELETE FROM \(Self.pendingTable) WHERE seance = ? AND member = ? AND field = ? AND at_ms = ?",
                               arguments: [mark.seance, mark.member, mark.field, mark.atMs])
            }
        }
    }

    /// The queued acknowledgements, oldest first (read only: no table yet means none).
    func pendingAcknowledgements() throws -> [PendingAcknowledgement] {
        try store.database.read { db in
            guard try db.tableExists(Self.pendingTable) else { return [] }
            return try Row.fetchAll(db, sql: "SELECT seance, member, field, at_ms FROM \(Self.pendingTable) ORDER BY at_ms").map {
                PendingAcknowledgement(seance: $0["seance"], member: $0["member"], field: $0["field"], atMs: $0["at_ms"])
            }
        }
    }

    private func queue(_ marks: [PendingAcknowledgement]) throws {
        try store.database.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS \(Self.pendingTable) (
                    seance TEXT NOT NULL, member TEXT NOT NULL, field TEXT NOT NULL, at_ms INTEGER NOT NULL,
                    PRIMARY KEY (seance, member, field)) WITHOUT ROWID
                """)
            for mark in marks {
                try db.execute(sql: "INSERT OR IGNORE INTO \(Self.pendingTable) (seance, member, field, at_ms) VALUES (?, ?, ?, ?)",
                               arguments: [mark.seance, mark.member, mark.field, mark.atMs])
            }
        }
    }

    /// The local (never synced) table of queued acknowledgements.
    static let pendingTable = "council_pending_acknowledgement"
}

/// An acknowledgement a reading command could not record at once.
struct PendingAcknowledgement: Sendable, Equatable {
    let seance: String
    let member: String
    /// `CouncilRecords.Field.receivedMs` or `.readMs`.
    let field: String
    /// When the séance was listed or read, by this device's clock.
    let atMs: Int64
}
