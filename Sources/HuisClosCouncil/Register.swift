import Foundation
import HuisClosL10n

/// The register of the council: members, their mandates, and the offices of president and
/// vice-presidents. Every change goes through a method that enforces the rules and throws
/// `CouncilError` when they refuse it, leaving the register unchanged.
public struct Register: Sendable, Codable, Equatable {
    /// Members by id; changed only through the rule-enforcing methods of this type and its extensions.
    public internal(set) var members: [String: Member] = [:]
    /// The president's member id, appointed with the members.
    public private(set) var presidentID: String?
    /// Vice-presidents, each with the president's proposal that preceded the appointment.
    public private(set) var vicePresidents: [VicePresidency] = []

    public init() {}

    /// A member no longer in office on `day` whose name is `name` (letter case aside): appointed
    /// again under a new id, that person's mandates would no longer count together for "renewable
    /// once", so a new appointment under that name is refused unless it is said to be another
    /// person (`formerNamesakeRefusal`).
    public func formerNamesake(of name: String, on day: Day) -> Member? {
        namesake(of: name) { !$0.isInOffice(on: day) && !$0.mandates.isEmpty }
    }

    /// The member bearing `name` (spelt as `comparable` compares) that `keep` takes, the first by id.
    private func namesake(of name: String, where keep: (Member) -> Bool) -> Member? {
        let sought = Self.comparable(name)
        return members.values.filter { Self.comparable($0.name) == sought && keep($0) }.min { $0.id < $1.id }
    }

    /// The president in office on `day`, if any: the council has one presidency.
    public func presidentInOffice(on day: Day) -> Member? {
        presidentID.flatMap { members[$0] }.flatMap { $0.isInOffice(on: day) ? $0 : nil }
    }

    /// Why a presidency is refused while `holder` sits as president: the council has one.
    public static func presidencyHeldRefusal(_ holder: Member) -> CouncilError {
        CouncilError(.presidencyHeld, Text(
            fr: "La présidence est occupée par \(holder.name) (identifiant \(holder.id)) : le conseil n'a qu'une présidence. Elle se libère à la fin de ce mandat (huisclos membres fin-mandat \(holder.id) --motif …) ; nommez ensuite la nouvelle présidence.",
            en: "The presidency is held by \(holder.name) (id \(holder.id)): the council has one presidency. It is free once that mandate ends (huisclos membres fin-mandat \(holder.id) --motif …); then appoint the new presidency."))
    }

    /// `name` as two spellings of one person compare: case, accents and letter widths aside, any
    /// run of other characters than letters and digits (spaces, hyphens, apostrophes) as one space.
    public static func comparable(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    /// A member in office on `day` who bears `name` (spelt as `comparable` compares), if any.
    public func namesakeInOffice(of name: String, on day: Day) -> Member? {
        namesake(of: name) { $0.isInOffice(on: day) }
    }

    /// Why appointing `name` anew is refused while `current`, in office, bears that name.
    public static func namesakeInOfficeRefusal(_ current: Member) -> CouncilError {
        CouncilError(.namesakeInOffice, Text(
            fr: "\(current.name) est déjà en fonction (identifiant \(current.id), \(Mandate.order(current.mandates.last?.orderNumber ?? "-").french)) : une personne n'est nommée qu'une fois ; pour prolonger son mandat, huisclos membres renouveler \(current.id) ; s'il s'agit d'une autre personne du même nom, nommez-la avec --homonyme.",
            en: "\(current.name) is already in office (id \(current.id), \(Mandate.order(current.mandates.last?.orderNumber ?? "-").english)): a person is appointed once; to extend their mandate, huisclos membres renouveler \(current.id); if this is another person of the same name, appoint them with --homonyme."))
    }

    /// Why appointing `name` anew is refused while `former` bears that name: the way to renew the
    /// same person, and how to appoint another person of the same name.
    public static func formerNamesakeRefusal(_ former: Member) -> CouncilError {
        CouncilError(.formerMemberNamesake, Text(
            fr: "\(former.name) a déjà été membre (identifiant \(former.id), mandat terminé le \(former.mandates.last?.end.french ?? "-")) : s'il s'agit de la même personne, ouvrez-lui un nouveau mandat avec huisclos membres renouveler \(former.id) --arrete <numéro> (ses mandats comptent ensemble : renouvelable une fois) ; s'il s'agit d'une autre personne du même nom, nommez-la avec --homonyme.",
            en: "\(former.name) was a member before (id \(former.id), mandate ended on \(former.mandates.last?.end.iso ?? "-")): if this is the same person, open a new mandate with huisclos membres renouveler \(former.id) --arrete <number> (their mandates count together: renewable once); if this is another person of the same name, appoint them with --homonyme."))
    }

    /// First-circle members in office on `day`, by name.
    public func firstCircle(on day: Day) -> [Member] {
        members.values.filter { $0.circle == .first && $0.isInOffice(on: day) }.sorted { $0.name < $1.name }
    }

    /// The day from `start` through `end` with the most first-circle members in office, and that
    /// count (`CouncilRules.fullestPoint`).
    public func fullestFirstCircleDay(from start: Day, through end: Day) -> (point: Day, seated: Int) {
        CouncilRules.fullestPoint(from: start, through: end, mandateStarts: members.values.flatMap { $0.mandates.map(\.start) }) {
            firstCircle(on: $0).count
        }
    }

    /// Appoints a person by order of the departmental president, for three years from `order.start`.
    ///
    /// Refuses an appointment while a mandate runs and, for the first circle, a 31st member or a
    /// third mandate (`CouncilRules.checkAppointment`, shared with the membership log and the faces),
    /// counted on the fullest day from the order's date through `recorded` (the day the
    /// appointment is recorded, when later than its order).
    public mutating func appoint(id: String, name: String, circle: Member.Circle, category: Member.Category,
                                 gender: Member.Gender?, orderNumber: String, on start: Day,
                                 recordedOn recorded: Day? = nil) throws(CouncilError) {
        var member = members[id] ?? Member(id: id, name: name, circle: circle, category: category, gender: gender)
        let fullest = fullestFirstCircleDay(from: start, through: recorded ?? start)
        try CouncilRules.checkAppointment(AppointmentRequest(
            id: id, name: member.name, orderDay: start, current: member.mandate(on: start).map { ($0.end, $0.orderNumber) },
            previousEnd: nil, firstCircle: circle == .first ? (fullest.point, fullest.seated, member.mandates.count) : nil))
        member.name = name
        member.circle = circle
        member.category = category
        member.gender = gender
        member.mandates.append(Mandate(orderNumber: orderNumber, start: start))
        members[id] = member
        // A new mandate holds no presidency until `setPresident` says so (a president renewed as one).
        if presidentID == id { presidentID = nil }
    }

    /// Ends a member's mandate early (resignation, or resignation declared ex officio).
    public mutating func endMandate(of id: String, on day: Day, reason: Mandate.EarlyEnd.Reason) throws(CouncilError) {
        guard var member = members[id] else { throw Self.unknown(id) }
        guard let index = member.mandates.lastIndex(where: { $0.isInForce(on: day) }) else {
            throw CouncilError(.notInOffice, Text(
                fr: "\(member.name) n'est pas en fonction le \(day.french).",
                en: "\(member.name) is not in office on \(day.iso)."))
        }
        member.mandates[index].earlyEnd = Mandate.EarlyEnd(day: day, reason: reason)
        members[id] = member
        if presidentID == id { presidentID = nil }
        vicePresidents.removeAll { $0.memberID == id }
    }

    /// Names the president (appointed by the departmental president with the members).
    public mutating func setPresident(_ id: String, on day: Day) throws(CouncilError) {
        try requireFirstCircle(id, on: day)
        presidentID = id
    }

    /// Records the president's proposal of a vice-president; the appointment follows separately.
    public mutating func proposeVicePresident(_ id: String, on day: Day) throws(CouncilError) {
        try requireFirstCircle(id, on: day)
        vicePresidents.removeAll { $0.memberID == id && $0.appointedOn == nil }
        vicePresidents.append(VicePresidency(memberID: id, proposedOn: day, appointedOn: nil))
    }

    /// Appoints a vice-president the president has proposed.
    public mutating func appointVicePresident(_ id: String, on day: Day) throws(CouncilError) {
        guard members[id] != nil else { throw Self.unknown(id) }
        guard let index = vicePresidents.firstIndex(where: { $0.memberID == id && $0.appointedOn == nil }) else {
            throw CouncilError(.notProposedByPresident, Text(
                fr: "Un vice-président est nommé sur proposition du président : la présidence l'enregistre d'abord (huisclos membres proposer-vp \(id)).",
                en: "A vice-president is appointed on the president's proposal: the president records it first (huisclos membres proposer-vp \(id))."))
        }
        try requireFirstCircle(id, on: day)
        vicePresidents[index].appointedOn = day
    }

    /// A vice-presidency: proposed by the president, then appointed.
    public struct VicePresidency: Hashable, Sendable, Codable {
        public let memberID: String
        public let proposedOn: Day
        public var appointedOn: Day?
    }

    /// Refuses unless `id` is a first-circle member in office on `day` (whose presence counts at a
    /// séance of that day, who may preside or be proposed vice-president).
    public func requireFirstCircle(_ id: String, on day: Day) throws(CouncilError) {
        guard let member = members[id] else { throw Self.unknown(id) }
        guard member.circle == .first, member.isInOffice(on: day) else {
            throw CouncilError(.notAFirstCircleMember, Text(
                fr: "\(member.name) n'est pas membre du premier cercle en fonction le \(day.french) : voyez huisclos membres liste.",
                en: "\(member.name) is not a first-circle member in office on \(day.iso): see huisclos membres liste."))
        }
    }

    /// No member `id` in the register: a wrong id, or an appointment this device has not synced yet.
    public static func unknown(_ id: String) -> CouncilError {
        CouncilError(.unknownMember, Text(
            fr: "Aucun membre « \(id) » au registre : vérifiez l'identifiant (huisclos membres liste), ou synchronisez (huisclos sync) s'il vient d'être nommé.",
            en: "No member \"\(id)\" in the register: check the id (huisclos membres liste), or sync (huisclos sync) if they were just appointed."))
    }
}
