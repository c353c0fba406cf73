public import HuisClosCouncil
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosPublication
public import HuisClosStore

/// The annual activity report's figures, read from the council's records on a replica: séances
/// held (attendance closed) with the first-circle members in office that day, who was present and
/// who was excused; texts adopted, and which are published; referrals; working groups; hearings
/// (`ActivityReport` keeps those dated in the report's year).
///
/// Group dossiers are counted as this replica holds them, for the groups it reads (`readable`):
/// a device outside a group sees none of its dossiers, so its count is left out rather than said
/// 0 (the acceptance run; the president's device is in every group it created).
public enum ActivityRecords {
    /// The report for `year` from `seances` and `register` (the council store's) and the dossier
    /// records of `store`, established on `today`: refused (`CouncilError.invalidDate`, `DateOrder`)
    /// for a year not yet begun, which it could only report as empty.
    public static func report(year: Int, seances: [Seance], register: Register, store: ChangeStore, on today: Day,
                              readable: (ScopeID) -> Bool = { _ in true }) throws -> ActivityReport {
        let start = Day(year: year, month: 1, day: 1) ?? .first
        try DateOrder.require(
            .init(Text(fr: "le rapport d'activité \(year) est établi", en: "the activity report for \(year) is established"), Moment(today)),
            notBefore: .init(Text(fr: "le début de l'année \(year)", en: "year \(year) began"), Moment(start)),
            rule: Text(fr: "un rapport ne rend compte que d'une année commencée", en: "a report accounts only for a year that has begun"),
            remedy: Text(fr: "Demandez le rapport de l'année en cours ou d'une année passée (huisclos rapport annuel \(today.year)).",
                         en: "Ask for the report of the current year or a past one (huisclos rapport annuel \(today.year))."))
        let held = seances.filter { $0.attendanceClosed && $0.date.year == year }.map { seance in
            let expected = register.firstCircle(on: seance.date)
            return ActivityReport.SeanceHeld(
                id: seance.id, day: seance.date, expected: expected.map(\.name),
                present: expected.filter { seance.attendance(of: $0.id) == .present }.map(\.name),
                excused: expected.filter { seance.attendance(of: $0.id) == .excused }.map(\.name))
        }
        let drafts = AvisDrafts(store: store)
        let done = try drafts.drafts().filter { $0.status != .draft }
        let adopted = try done.map { try drafts.adoptedText($0.id) }
        let groups = try WorkingGroupRoster(store: store).list().map { group in
            let scope = try DossierScopes.group(group.name)
            return ActivityReport.Group(name: group.name, members: group.members.count, supplementaryMembers: group.supplementaryMembers.count,
                                        dossiers: readable(scope) ? try DossierLibrary(store: store, scope: scope).list().count : nil)
        }
        let hearings = try HearingRegister(store: store).list().map {
            ActivityReport.Hearing(guest: $0.guestName, day: $0.opened, dossier: $0.dossier)
        }
        return ActivityReport(year: year, seances: held, adopted: adopted, referrals: try Referrals(store: store).list(),
                              groups: groups, hearings: hearings, published: Set(done.filter { $0.status == .published }.map(\.id)))
    }
}
