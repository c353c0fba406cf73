import HuisClosL10n
public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosEngine
import HuisClosProtocol
public import HuisClosStore

/// The hearings as the council knows them: `hearing/<id>` in the council scope, with the guest
/// (hex member id and the name and quality shown in the annual report), the one dossier shown,
/// the day it opened, the expiry (Unix seconds) and, once closed, the day of closing. Access itself
/// lives in the membership log (`Hearings.open`, `Hearings.close`).
public struct HearingRegister: Sendable {
    static let kind = DossierRecords.Kind.hearing

    /// One hearing.
    public struct Entry: Sendable, Equatable, Codable {
        /// Identifier (its scope is `hearing:<id>`).
        public let id: String
        /// The guest's member id (hex).
        public let guest: String
        /// The guest's name and quality.
        public let guestName: String
        /// The dossier shown to the guest.
        public let dossier: String
        /// The day the hearing opened.
        public let opened: Day
        /// When the guest's access ends (Unix seconds).
        public let expiry: Int64
        /// The day it was closed (wipe ordered), if it was.
        public let closed: Day?
    }

    /// The store the register lives in.
    public let store: ChangeStore

    /// The register in `store` (council scope).
    public init(store: ChangeStore) { self.store = store }

    /// Records hearing `id` opened on `day`.
    public func record(_ id: String, guest: String, guestName: String, dossier: String, on day: Day, expiry: Int64) throws {
        _ = try DossierScopes.hearing(id)
        let record = try RecordKey(kind: Self.kind, id: id)
        try store.commitLocal([
            .set(record, field: "guest", value: .text(guest)), .set(record, field: "guest_name", value: .text(guestName)),
            .set(record, field: "dossier", value: .text(dossier)), .set(record, field: "opened", value: .text(day.iso)),
            .set(record, field: "expiry", value: .integer(expiry)),
        ], scope: .council)
    }

    /// Records that hearing `id` was closed on `day`.
    public func markClosed(_ id: String, on day: Day) throws {
        guard try entry(id) != nil else { throw DossierError(.notFound, Text(fr: "aucune audition \(id) : voyez huisclos auditions liste",
                                                                        en: "no hearing \(id): see huisclos auditions liste")) }
        try store.commitLocal([.set(try RecordKey(kind: Self.kind, id: id), field: "closed", value: .text(day.iso))], scope: .council)
    }

    /// Hearing `id`, or nil.
    public func entry(_ id: String) throws -> Entry? {
        guard let f = try RecordReader(database: store.database).fields(kind: Self.kind, id: id, scope: .council),
              let guest = f.text("guest"), let dossier = f.text("dossier"), let expiry = f.integer("expiry"),
              let opened = f.text("opened").flatMap(Day.init(iso:)) else { return nil }
        return Entry(id: id, guest: guest, guestName: f.text("guest_name") ?? guest, dossier: dossier, opened: opened,
                     expiry: expiry, closed: f.text("closed").flatMap(Day.init(iso:)))
    }

    /// Every hearing, by day opened then identifier.
    public func list() throws -> [Entry] {
        try RecordReader(database: store.database).ids(kind: Self.kind, scope: .council).compactMap { try entry($0) }
            .sorted { ($0.opened, $0.id) < ($1.opened, $1.id) }
    }
}
