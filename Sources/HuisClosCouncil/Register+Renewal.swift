import HuisClosL10n

extension Register {
    /// The mandate that renewing `id` by an order dated `orderDay` opens, checked on a copy of the
    /// register as recorded on `today`: a mandate still running ends on `today`, then the member is
    /// appointed again in the same circle with the same name, category and gender, under every rule
    /// of an appointment (no order postdated or already past its 3-year term, no third mandate,
    /// no 31st seat). One step where the secretariat used to end the mandate and appoint anew.
    public func renewal(of id: String, orderNumber: String, on orderDay: Day, today: Day) throws(CouncilError) -> Mandate {
        guard let member = members[id] else { throw Self.unknown(id) }
        guard orderDay <= today else {
            throw CouncilError(.invalidDate, Text(
                fr: "L'arrêté de renouvellement est daté du \(orderDay.french), après aujourd'hui (\(today.french)) : enregistrez-le à sa date. Vérifiez --date.",
                en: "The renewal order is dated \(orderDay.iso), after today (\(today.iso)): record it on its date. Check --date."))
        }
        let term = CouncilRules.mandateEnd(from: orderDay)
        guard today < term else {
            throw CouncilError(.invalidDate, Text(
                fr: "Un mandat ouvert par un arrêté du \(orderDay.french) a pris fin le \(term.french) (3 ans) : vérifiez --date.",
                en: "A mandate opened by an order of \(orderDay.iso) ended on \(term.iso) (3 years): check --date."))
        }
        var next = self
        if member.isInOffice(on: today) { try next.endMandate(of: id, on: today, reason: .ended) }
        if let previous = next.members[id]?.mandates.last, orderDay < previous.end {
            throw CouncilError(.invalidDate, Text(
                fr: "Le mandat en cours de \(member.name) prend fin le \(previous.end.french) avec ce renouvellement : l'arrêté ne peut être daté d'avant. Vérifiez --date (aujourd'hui par défaut).",
                en: "\(member.name)'s current mandate ends on \(previous.end.iso) with this renewal: the order cannot be dated earlier. Check --date (today by default)."))
        }
        try next.appoint(id: id, name: member.name, circle: member.circle, category: member.category, gender: member.gender,
                         orderNumber: orderNumber, on: orderDay, recordedOn: today)
        guard let renewed = next.members[id]?.mandates.last else { preconditionFailure("an appointment that succeeded adds a mandate") }
        return renewed
    }
}
