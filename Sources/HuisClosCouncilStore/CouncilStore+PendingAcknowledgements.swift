import Foundation
import GRDB
public import HuisClosL10n
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
        try store.database.write { db in
            for mark in marks {
                try PendingAcknowledgement.filter(key: mark.key).filter(PendingAcknowledgement.Columns.atMs == mark.atMs).deleteAll(db)
            }
        }
    }

    /// The queued acknowledgements, oldest first (the table comes from `CouncilStoreSchema`).
    func pendingAcknowledgements() throws -> [PendingAcknowledgement] {
        try store.database.read { db in
            try PendingAcknowledgement.order(PendingAcknowledgement.Columns.atMs).fetchAll(db)
        }
    }

    private func queue(_ marks: [PendingAcknowledgement]) throws {
        try store.database.write { db in
            for mark in marks { try mark.insert(db, onConflict: .ignore) }
        }
    }
}

/// An acknowledgement a reading command could not record at once: a row of the local (never
/// synced) queue, keyed by séance, member and field.
struct PendingAcknowledgement: Sendable, Equatable, Codable, FetchableRecord, PersistableRecord {
    let seance: String
    let member: String
    /// `CouncilRecords.Field.receivedMs` or `.readMs`.
    let field: String
    /// When the séance was listed or read, by this device's clock.
    let atMs: Int64

    static let databaseTableName = "council_pending_acknowledgement"

    enum CodingKeys: String, CodingKey { case seance, member, field, atMs = "at_ms" }

    enum Columns {
        static let atMs = Column(CodingKeys.atMs)
    }

    /// The row's primary key.
    var key: [String: any DatabaseValueConvertible] { ["seance": seance, "member": member, "field": field] }
}
