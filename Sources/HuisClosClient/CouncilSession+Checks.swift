public import HuisClosCouncil
import HuisClosCouncilStore
public import HuisClosL10n
public import HuisClosTrust

/// Checks a council command makes on the device before it signs or writes anything, so a refusal
/// is the council's sentence (exit 65, what to do) rather than the membership log's technical
/// refusal after the fact, and nothing is written.
extension CouncilSession {
    /// The secretariat's appointment of `id` as `role` from an order dated `orderDay`, checked by
    /// the council's rules (`CouncilRules.checkOrderDates`, `CouncilRules.checkAppointment`) as
    /// the log will check it, before anything is signed (a vice-presidency is a role on a running
    /// mandate: `appointVicePresident`). Someone of the same name already in office by the same
    /// order is this appointment made once (a command run again): refused. A known member's id given
    /// with another name is refused too: the register, not the typed name, says who it is.
    public func checkAppointment(of id: String, name: String, role: Role, orderNumber: String, orderDay: Day, namesake: Bool = false) throws {
        try requireSecretariat(Text(fr: "nommer un membre", en: "appoint a member"))
        try CouncilRules.checkOrderDates(orderDay: orderDay, today: today)
        if let (made, member) = register.register.members.first(where: { made, member in
            made != id && Register.comparable(member.name) == Register.comparable(name) && member.mandate(on: today)?.orderNumber == orderNumber
        }) {
            throw CouncilError(.alreadyInOffice, Text(
                fr: "\(member.name) est déjà en fonction par \(Mandate.order(orderNumber).french) (identifiant \(made)) : rien n'est nommé deux fois ; voyez huisclos membres liste.",
                en: "\(member.name) is already in office by \(Mandate.order(orderNumber).english) (id \(made)): nobody is appointed twice; see huisclos membres liste."))
        }
        if register.secretariat.contains(id) {
            throw CouncilError(.alreadyInOffice, Text(
                fr: "Ce compte est un compte du secrétariat en fonction : terminez-le d'abord (huisclos membres fin-mandat \(id)).",
                en: "This is a secretariat account in office: end it first (huisclos membres fin-mandat \(id))."))
        }
        let existing = register.register.members[id]
        if existing == nil, !namesake, let current = register.register.namesakeInOffice(of: name, on: today) {
            throw Register.namesakeInOfficeRefusal(current)
        }
        if existing == nil, !namesake, let former = register.register.formerNamesake(of: name, on: today) {
            throw Register.formerNamesakeRefusal(former)
        }
        // One presidency: a second president would leave the first one's devices their rights in
        // the log while the register shows only the new one (the acceptance run).
        if role == .president, let holder = register.register.presidentInOffice(on: today), holder.id != id {
            throw Register.presidencyHeldRefusal(holder)
        }
        if let existing, !existing.name.isEmpty, Register.comparable(existing.name) != Register.comparable(name) {
            throw CouncilError(.nameMismatch, Text(
                fr: "L'identifiant \(id) est celui de \(existing.name), pas de \(name) : vérifiez --membre (huisclos membres liste) ; pour une nouvelle personne, nommez-la sans --membre.",
                en: "Id \(id) is \(existing.name)'s, not \(name)'s: check --membre (huisclos membres liste); for a new person, appoint without --membre."))
        }
        // The first circle is counted on the fullest day of the new mandate so far: a backdated
        // order must not seat a 31st member on a day when 30 were in office.
        let fullest = register.register.fullestFirstCircleDay(from: orderDay, through: today)
        try CouncilRules.checkAppointment(AppointmentRequest(
            id: id, name: existing?.name ?? name, orderDay: orderDay,
            current: existing?.mandate(on: today).map { ($0.end, $0.orderNumber) }, previousEnd: existing?.mandates.last?.end,
            firstCircle: role.isFirstCircle ? (fullest.point, fullest.seated, existing?.mandates.count ?? 0) : nil))
    }

    /// `id` names a member or secretariat account of the register, in office today.
    public func requireInOffice(_ id: String) throws {
        if register.secretariat.contains(id) { return }
        guard let member = register.register.members[id] else { throw Register.unknown(id) }
        guard member.isInOffice(on: today) else {
            throw CouncilError(.notInOffice, Text(
                fr: "\(member.name) n'est pas en fonction aujourd'hui (\(today.french)) : voyez huisclos membres liste.",
                en: "\(member.name) is not in office today (\(today.iso)): see huisclos membres liste."))
        }
    }

    /// `id` names a first-circle member in office on `day` (whose presence counts at a séance of that day).
    public func requireFirstCircle(_ id: String, on day: Day) throws {
        guard !register.secretariat.contains(id) else {
            throw CouncilError(.notAFirstCircleMember, Text(
                fr: "Le secrétariat (\(id)) ne siège pas au conseil : il tient la feuille de présence, il n'y figure pas. Pointez les membres du premier cercle (huisclos presence liste).",
                en: "The secretariat (\(id)) does not sit on the council: it keeps the attendance sheet, it is not on it. Point first-circle members (huisclos presence liste)."))
        }
        try register.register.requireFirstCircle(id, on: day)
    }

    /// Refuses unless this device is a secretariat account's.
    public func requireSecretariat(_ action: Text) throws {
        guard register.secretariat.contains(me) else {
            throw CouncilError(.roleRequired, Text(
                fr: "Seul le secrétariat peut \(action.french) : utilisez un appareil du secrétariat.",
                en: "Only the secretariat can \(action.english): use a secretariat device."))
        }
    }

    /// Refuses unless this device is the president's.
    public func requirePresident(_ action: Text) throws {
        guard register.register.presidentID == me else {
            throw CouncilError(.roleRequired, Text(
                fr: "Seule la présidence peut \(action.french) : utilisez l'appareil de la présidence.",
                en: "Only the president can \(action.english): use the president's device."))
        }
    }
}
