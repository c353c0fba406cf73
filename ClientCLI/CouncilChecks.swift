import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosTrust

/// Checks a council command makes on the device before it signs or writes anything, so a refusal
/// is the council's sentence (exit 65, what to do) rather than the membership log's technical
/// refusal after the fact, and nothing is written.
extension CouncilSession {
    /// The secretariat's appointment of `id` as `role` from an order dated `orderDay`: the order is
    /// not postdated, its 3-year mandate has not already ended, the person is not in office, and
    /// the first circle's two rules hold (a vice-presidency is a role on a running mandate: `appointVicePresident`).
    func checkAppointment(of id: String, name: String, role: Role, orderDay: Day) throws {
        try requireSecretariat(Text(fr: "nommer un membre", en: "appoint a member"))
        guard orderDay <= today else {
            throw CouncilError(.invalidDate, Text(
                fr: "L'arrêté est daté du \(orderDay.french), après aujourd'hui (\(today.french)) : un mandat commence à la date de son arrêté. Vérifiez --date.",
                en: "The order is dated \(orderDay.iso), after today (\(today.iso)): a mandate starts on its order's date. Check --date."))
        }
        let term = orderDay.adding(years: CouncilRules.mandateYears)
        guard today < term else {
            throw CouncilError(.invalidDate, Text(
                fr: "Un mandat ouvert par un arrêté du \(orderDay.french) a pris fin le \(term.french) (3 ans) : il ne peut plus être enregistré. Vérifiez --date.",
                en: "A mandate opened by an order of \(orderDay.iso) ended on \(term.iso) (3 years): it can no longer be recorded. Check --date."))
        }
        let existing = register.register.members[id]
        if let current = existing?.mandate(on: today) {
            throw CouncilError(.alreadyInOffice, Text(
                fr: "\(current.orderNumber) : \(existing!.name) est en fonction jusqu'au \(current.end.french). Pour un renouvellement : huisclos membres renouveler \(id) --arrete <numéro>.",
                en: "\(current.orderNumber): \(existing!.name) is in office until \(current.end.iso). For a renewal: huisclos membres renouveler \(id) --arrete <number>."))
        }
        if let previous = existing?.mandates.last, orderDay < previous.end {
            throw CouncilError(.invalidDate, Text(
                fr: "Le mandat précédent de \(existing!.name) a pris fin le \(previous.end.french) : un renouvellement prend effet à cette date, son arrêté ne peut être daté d'avant. Vérifiez --date.",
                en: "\(existing!.name)'s previous mandate ended on \(previous.end.iso): a renewal takes effect from that date, and its order cannot be dated earlier. Check --date."))
        }
        if register.secretariat.contains(id) {
            throw CouncilError(.alreadyInOffice, Text(
                fr: "Ce compte est un compte du secrétariat en fonction : terminez-le d'abord (huisclos membres fin-mandat \(id)).",
                en: "This is a secretariat account in office: end it first (huisclos membres fin-mandat \(id))."))
        }
        if role.isFirstCircle {
            // The council's rule, checked with its own words before the log refuses it, on the
            // fullest day of the new mandate so far: a backdated order must not seat a 31st
            // member on a day when 30 were in office.
            let fullest = register.register.fullestFirstCircleDay(from: orderDay, through: today)
            try CouncilRules.checkFirstCircleAppointment(of: name, seated: fullest.seated, mandatesHeld: existing?.mandates.count ?? 0,
                                                         on: fullest.point)
        }
    }

    /// `id` names a member or secretariat account of the register, in office today.
    func requireInOffice(_ id: String) throws {
        if register.secretariat.contains(id) { return }
        guard let member = register.register.members[id] else { throw unknownMember(id) }
        guard member.isInOffice(on: today) else {
            throw CouncilError(.notInOffice, Text(
                fr: "\(member.name) n'est pas en fonction aujourd'hui (\(today.french)) : voyez huisclos membres liste.",
                en: "\(member.name) is not in office today (\(today.iso)): see huisclos membres liste."))
        }
    }

    /// `id` names a first-circle member in office on `day` (whose presence counts at a séance of that day).
    func requireFirstCircle(_ id: String, on day: Day) throws {
        guard let member = register.register.members[id] else { throw unknownMember(id) }
        guard member.circle == .first, member.isInOffice(on: day) else {
            throw CouncilError(.notAFirstCircleMember, Text(
                fr: "\(member.name) n'est pas membre du premier cercle en fonction le \(day.french) : sa présence ne compte pas. Voyez huisclos membres liste.",
                en: "\(member.name) is not a first-circle member in office on \(day.iso): their presence does not count. See huisclos membres liste."))
        }
    }

    /// Refuses unless this device is a secretariat account's.
    func requireSecretariat(_ action: Text) throws {
        guard register.secretariat.contains(me) else {
            throw CouncilError(.notAFirstCircleMember, Text(
                fr: "Seul le secrétariat peut \(action.french) : utilisez un appareil du secrétariat.",
                en: "Only the secretariat can \(action.english): use a secretariat device."))
        }
    }

    /// Refuses unless this device is the president's.
    func requirePresident(_ action: Text) throws {
        guard register.register.presidentID == me else {
            throw CouncilError(.notAFirstCircleMember, Text(
                fr: "Seule la présidence peut \(action.french) : utilisez l'appareil de la présidence.",
                en: "Only the president can \(action.english): use the president's device."))
        }
    }

    private func unknownMember(_ id: String) -> CouncilError {
        CouncilError(.unknownMember, Text(
            fr: "Aucun membre « \(id) » au registre de cet appareil : synchronisez (huisclos sync) puis voyez huisclos membres liste.",
            en: "No member \"\(id)\" in this device's register: sync (huisclos sync), then see huisclos membres liste."))
    }
}
