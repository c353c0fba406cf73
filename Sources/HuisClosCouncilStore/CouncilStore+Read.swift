import Foundation
import GRDB
public import HuisClosCouncil
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import HuisClosTrust

/// Reading the council records back into the pure values the rules work on.
extension CouncilStore {
    /// One agenda item with its merged position.
    public struct AgendaEntry: Sendable, Equatable {
        public let item: AgendaItem
        public let position: Int64
    }

    /// One device's acknowledgement of a convocation: when it received it and when its member
    /// first opened it, by that device's clock (Unix ms), in a batch that device signed; and when
    /// the relay received each of those batches (Unix ms, the relay's clock; nil until this device
    /// has synced after them, or without a device link).
    public struct Acknowledgement: Sendable, Equatable, Codable {
        public let seance: String
        public let member: String
        /// The acknowledging device's signing key (hex).
        public let device: String
        /// The version of the convocation acknowledged (`Seance.revision`; 0 in records written
        /// before versions were acknowledged).
        public let revision: Int
        /// Receipt, by the acknowledging device's clock.
        public let receivedMs: Int64?
        /// Reading, by the acknowledging device's clock.
        public let readMs: Int64?
        /// When the relay received the batch carrying the receipt.
        public let receivedServerMs: Int64?
        /// When the relay received the batch carrying the reading.
        public let readServerMs: Int64?
    }

    /// A vice-president's appointment as recorded by the secretariat.
    public struct VicePresidentAppointment: Sendable, Equatable {
        /// The order's number.
        public let orderNumber: String
        /// The day recorded.
        public let day: Day
    }

    /// A person's profile as recorded in the council scope.
    public struct Profile: Sendable, Equatable {
        public let name: String
        public let category: Member.Category
        public let gender: Member.Gender?
        /// Where the secretariat's device sends this person's notices (nil: none recorded).
        public let email: String?
    }

    /// Every séance, by date then id, with its agenda, answers and attendance replayed through `Seance`'s rules.
    public func seances() throws -> [Seance] {
        let rows = try fields(of: CouncilRecords.Kind.seance)
        let present = try setElements(CouncilRecords.Field.present, of: CouncilRecords.Kind.seance)
        let answers = try fields(of: CouncilRecords.Kind.response)
        let answerStamps = try fieldStamps(of: CouncilRecords.Kind.response)
        let membership = link?.membership()
        let items = try agendaItems()
        var result: [Seance] = []
        for (id, row) in rows {
            guard let dateText = row[CouncilRecords.Field.date]?.text, let date = Day(iso: dateText) else { continue }
            var seance = Seance(id: id, date: date, place: row[CouncilRecords.Field.place]?.text ?? "",
                                start: row[CouncilRecords.Field.start]?.text.flatMap(TimeOfDay.init(text:)),
                                end: row[CouncilRecords.Field.end]?.text.flatMap(TimeOfDay.init(text:)),
                                agenda: (items[id] ?? []).map(\.item))
            seance.revision = row[CouncilRecords.Field.revision]?.integer.map { Int(clamping: $0) } ?? 0
            seance.urgent = row[CouncilRecords.Field.urgent]?.bool == true
            seance.recordedLate = row[CouncilRecords.Field.recordedLate]?.bool == true
            for (answerID, answer) in answers where answer[CouncilRecords.Field.seance]?.text == id {
                guard let member = answer[CouncilRecords.Field.member]?.text,
                      let response = answer[CouncilRecords.Field.response]?.text.flatMap(Seance.Response.init(rawValue:)) else { continue }
                // Who wrote the answer is the signing device of its winning write: another member's
                // than the one answering can only be the secretariat's, recording an excuse
                // (`CouncilWriteRules`).
                let author = answerStamps[answerID]?[CouncilRecords.Field.response].flatMap { membership?.certificate(of: $0.device.publicKey)?.member }
                if let author, author.hex != member, response == .excused {
                    try? seance.recordExcuse(member)
                } else {
                    try? seance.respond(member, response)
                }
            }
            // A closed sheet reads the presence its closure froze (sheets closed before it did: the set).
            let frozen = row[CouncilRecords.Field.attendanceClosed]?.bool == true
                ? row[CouncilRecords.Field.closedPresent]?.text.map { Set($0.split(separator: " ").map(String.init)) } : nil
            for member in frozen ?? present[id] ?? [] { try? seance.markPresent(member) }
            if row[CouncilRecords.Field.attendanceClosed]?.bool == true { seance.closeAttendance() }
            // Cancelled last, so answers and presence recorded before still read back; a séance whose
            // attendance was closed was held, whatever a concurrent cancellation said (every
            // replica reads the same).
            seance.cancelled = row[CouncilRecords.Field.cancelled]?.bool == true && !seance.attendanceClosed
            result.append(seance)
        }
        return result.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }

    /// The council's minimum convocation delay (the default until one is recorded).
    public func convocationDelay() throws -> ConvocationDelay {
        let row = try fields(of: CouncilRecords.Kind.convocationSettings)[CouncilRecords.convocationSettingsID]
        guard let days = row?[CouncilRecords.Field.clearDays]?.integer, ConvocationDelay.allowed.contains(Int(clamping: days)) else {
            return ConvocationDelay()
        }
        return ConvocationDelay(clearDays: Int(days))
    }

    /// True when the council lets notices carry the séance's calendar invitation (date, time, place).
    public func invitationAttached() throws -> Bool {
        try fields(of: CouncilRecords.Kind.convocationSettings)[CouncilRecords.convocationSettingsID]?[CouncilRecords.Field.attachInvitation]?.bool == true
    }

    /// The séance's agenda in merged order: by position, then item id.
    public func agenda(of seance: String) throws -> [AgendaEntry] { try agendaItems()[seance] ?? [] }

    /// Acknowledgements of the séance's convocation, by member then device, with the relay's
    /// arrival time of the batch that wrote each time (through the device link).
    public func acknowledgements(of seance: String) throws -> [Acknowledgement] {
        let stamps = try fieldStamps(of: CouncilRecords.Kind.acknowledgement)
        return try fields(of: CouncilRecords.Kind.acknowledgement).compactMap { id, row in
            guard row[CouncilRecords.Field.seance]?.text == seance, let member = row[CouncilRecords.Field.member]?.text,
                  let device = row[CouncilRecords.Field.device]?.text else { return nil }
            func serverTime(_ field: String) throws -> Int64? {
                guard let link, let stamp = stamps[id]?[field] else { return nil }
                return try link.serverTime(stamp, CouncilRecords.scope)
            }
            return Acknowledgement(seance: seance, member: member, device: device,
                                   revision: row[CouncilRecords.Field.revision]?.integer.map { Int(clamping: $0) } ?? 0,
                                   receivedMs: row[CouncilRecords.Field.receivedMs]?.integer,
                                   readMs: row[CouncilRecords.Field.readMs]?.integer,
                                   receivedServerMs: try serverTime(CouncilRecords.Field.receivedMs),
                                   readServerMs: try serverTime(CouncilRecords.Field.readMs))
        }.sorted { ($0.member, $0.revision, $0.device) < ($1.member, $1.revision, $1.device) }
    }

    /// A notice the secretariat's device e-mailed and the mail server accepted.
    public struct Notice: Sendable, Equatable {
        public let member: String
        /// The version of the convocation it told of.
        public let revision: Int
        /// When the mail server accepted it, by the sending device's clock (Unix ms).
        public let sentMs: Int64
        /// What it told (`Seance.noticedContent`); nil for notices recorded before it was kept.
        public let content: String?
    }

    /// Every notice of `seance` sent so far, by member then version.
    public func notices(of seance: String) throws -> [Notice] {
        try fields(of: CouncilRecords.Kind.notice).values.compactMap { row in
            guard row[CouncilRecords.Field.seance]?.text == seance, let member = row[CouncilRecords.Field.member]?.text,
                  let revision = row[CouncilRecords.Field.revision]?.integer, let sent = row[CouncilRecords.Field.sentMs]?.integer else { return nil }
            return Notice(member: member, revision: Int(clamping: revision), sentMs: sent, content: row[CouncilRecords.Field.content]?.text)
        }.sorted { ($0.member, $0.revision) < ($1.member, $1.revision) }
    }

    /// Vice-president appointments recorded by the secretariat: member id (hex) → order and day.
    public func vicePresidentAppointments() throws -> [String: VicePresidentAppointment] {
        try fields(of: CouncilRecords.Kind.vicePresidentAppointment).compactMapValues { row in
            guard let day = row[CouncilRecords.Field.appointedOn]?.text.flatMap(Day.init(iso:)) else { return nil }
            return VicePresidentAppointment(orderNumber: row[CouncilRecords.Field.orderNumber]?.text ?? "", day: day)
        }
    }

    /// Profiles by member id (hex).
    public func profiles() throws -> [String: Profile] {
        try fields(of: CouncilRecords.Kind.profile).compactMapValues { row in
            guard let name = row[CouncilRecords.Field.name]?.text,
                  let category = row[CouncilRecords.Field.category]?.text.flatMap(Member.Category.init(rawValue:)) else { return nil }
            return Profile(name: name, category: category, gender: row[CouncilRecords.Field.gender]?.text.flatMap(Member.Gender.init(rawValue:)),
                           email: row[CouncilRecords.Field.email]?.text)
        }
    }

    /// Vice-president proposals: member id (hex) → day proposed.
    public func vicePresidentProposals() throws -> [String: Day] {
        try fields(of: CouncilRecords.Kind.vicePresidentProposal).compactMapValues { $0[CouncilRecords.Field.proposedOn]?.text.flatMap(Day.init(iso:)) }
    }

    private func agendaItems() throws -> [String: [AgendaEntry]] {
        let dossiers = try setElements(CouncilRecords.Field.dossiers, of: CouncilRecords.Kind.agendaItem)
        var bySeance: [String: [AgendaEntry]] = [:]
        for (key, row) in try fields(of: CouncilRecords.Kind.agendaItem) {
            guard let seance = row[CouncilRecords.Field.seance]?.text, key.hasPrefix(seance + ":"),
                  let position = row[CouncilRecords.Field.position]?.integer else { continue }
            let item = String(key.dropFirst(seance.count + 1))
            bySeance[seance, default: []].append(AgendaEntry(
                item: AgendaItem(id: item, title: row[CouncilRecords.Field.title]?.text ?? item, dossierIDs: (dossiers[key] ?? []).sorted()),
                position: position))
        }
        return bySeance.mapValues { $0.sorted { ($0.position, $0.item.id) < ($1.position, $1.item.id) } }
    }

    /// The live fields of every record of `kind`: id → field name → stored value.
    func fields(of kind: String) throws -> [String: [String: StoredValue]] {
        try liveFields(of: kind, column: .value) { StoredValue($0) }
    }

    /// The timestamp of the winning write of every live field of `kind`: id → field name → stamp.
    private func fieldStamps(of kind: String) throws -> [String: [String: Timestamp]] {
        try liveFields(of: kind, column: .hlc) { value in
            Data.fromDatabaseValue(value).flatMap { try? Timestamp(encoded: [UInt8]($0)) }
        }
    }

    /// The column of the `fields` table read by `liveFields`.
    private enum FieldColumn: String { case value, hlc }

    /// `column` of every live field of `kind`, through `decode` (nil drops the field): id → name → value.
    private func liveFields<T>(of kind: String, column: FieldColumn, _ decode: (DatabaseValue) -> T?) throws -> [String: [String: T]] {
        try store.database.read { db in
            var result: [String: [String: T]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT f.id, f.name, f.\(column.rawValue) FROM fields f JOIN records r
                  ON r.scope = f.scope AND r.kind = f.kind AND r.id = f.id
                WHERE f.scope = ? AND f.kind = ? AND r.live = 1
                """, arguments: [CouncilRecords.scope.rawValue, kind]) {
                if let value = decode(row[2] as DatabaseValue) { result[row[0], default: [:]][row[1]] = value }
            }
            return result
        }
    }

    /// The visible text elements of set `name` on every live record of `kind`: id → elements.
    private func setElements(_ name: String, of kind: String) throws -> [String: Set<String>] {
        try store.database.read { db in
            var result: [String: Set<String>] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT e.id, e.value FROM set_elements e JOIN records r
                  ON r.scope = e.scope AND r.kind = e.kind AND r.id = e.id
                WHERE e.scope = ? AND e.kind = ? AND e.name = ? AND r.live = 1
                  AND NOT EXISTS (SELECT 1 FROM set_removals x WHERE x.scope = e.scope AND x.kind = e.kind
                                  AND x.id = e.id AND x.name = e.name AND x.element = e.element AND x.tag = e.tag)
                """, arguments: [CouncilRecords.scope.rawValue, kind, name]) {
                if let text = StoredValue(row[1] as DatabaseValue).text { result[row[0], default: []].insert(text) }
            }
            return result
        }
    }
}

/// A materialised column read back loosely: the vocabulary says which type each field holds; a
/// value of another type reads as absent (the record is then skipped, never trusted).
///
/// The value is sorted into `text` or `integer` once, here: Swift 6.3.1's optimizer aborted the
/// release build on accessors that switched over a kept `DatabaseValue.Storage` once inlined into
/// `CouncilStore.seances()` and `acknowledgements(of:)` ("Found ownership error?!" in the
/// CopyPropagation pass: the value's borrow ended before the switch on it, a compiler bug).
struct StoredValue {
    let text: String?
    let integer: Int64?
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .string(let string): (text, integer) = (string, nil)
        case .int64(let number): (text, integer) = (nil, number)
        default: (text, integer) = (nil, nil)
        }
    }
    var bool: Bool? { integer.map { $0 == 1 } }
}
