public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
public import HuisClosPublication
public import HuisClosStore

/// Referrals (saisines) by the departmental president, or self-referrals, tracked from receipt
/// to the avis that answers them. Records `referral/<id>` in the council scope: `subject`,
/// `origin` (`departmentalPresident` or `selfReferral`), `received` (ISO day), `avis` once answered.
public struct Referrals: Sendable {
    static let kind = DossierRecords.Kind.referral

    /// The store the referrals live in.
    public let store: ChangeStore

    /// Referrals in `store` (council scope).
    public init(store: ChangeStore) { self.store = store }

    /// Records a referral received on `day`; refused (`CouncilError.invalidDate`) when an avis
    /// already adopted before `day` answers it.
    public func receive(_ id: String, subject: String, origin: ActivityReport.Referral.Origin, on day: Day) throws {
        if let avis = try referral(id)?.answeredBy, let adopted = try AvisDrafts(store: store).adoptedOn(avis) {
            try Self.requireReceived(id, on: day, beforeAdoptionOf: avis, on: adopted)
        }
        let record = try RecordKey(kind: Self.kind, id: id)
        try store.commitLocal([
            .set(record, field: "subject", value: .text(subject)), .set(record, field: "origin", value: .text(origin.rawValue)),
            .set(record, field: "received", value: .text(day.iso)),
        ], scope: .council)
    }

    /// Records that avis `avis` answers referral `id`; refused (`CouncilError.invalidDate`) when
    /// the avis was adopted before the referral was received.
    public func answer(_ id: String, with avis: String) throws {
        guard let found = try referral(id) else {
            throw DossierError(.notFound, Text(fr: "aucune saisine \(id) : enregistrez d'abord sa réception",
                                     en: "no referral \(id): record its receipt first"))
        }
        if let adopted = try AvisDrafts(store: store).adoptedOn(avis) {
            try Self.requireReceived(id, on: found.received, beforeAdoptionOf: avis, on: adopted)
        }
        try store.commitLocal([.set(try RecordKey(kind: Self.kind, id: id), field: "avis", value: .text(avis))], scope: .council)
    }

    /// Every referral, by day received then identifier.
    public func list() throws -> [ActivityReport.Referral] {
        let reader = RecordReader(database: try store.database)
        return try reader.ids(kind: Self.kind, scope: .council).compactMap { id in
            guard let f = try reader.fields(kind: Self.kind, id: id, scope: .council), let subject = f.text("subject"),
                  let origin = f.text("origin").flatMap(ActivityReport.Referral.Origin.init(rawValue:)),
                  let received = f.text("received").flatMap(Day.init(iso:)) else { return nil }
            return ActivityReport.Referral(id: id, subject: subject, origin: origin, received: received, answeredBy: f.text("avis"))
        }.sorted { ($0.received, $0.id) < ($1.received, $1.id) }
    }
}
