import HuisClosL10n

extension Register {
    /// The mandate that renewing `id` by an order dated `orderDay` opens, checked on a copy of the
    /// register as recorded on `today`: a mandate still running ends on `today`, then the member is
    /// appointed again in the same circle with the same name, category and gender, under every rule
    /// of an appointment (no order postdated or already past its 3-year term, no third mandate,
    /// no 31st seat). One step where the secretariat used to end the mandate and appoint anew.
    /// More than `CouncilRules.renewalNoticeMonths` before the running mandate's end, only when
    /// `early` confirms it (`earlyRenewal`): the rest of that mandate would be lost for good.
    public func renewal(of id: String, orderNumber: String, on orderDay: Day, today: Day, early: Bool = false) throws(CouncilError) -> Mandate {
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
                fr: "Le mandat en cours \(FrenchGrammar.of(member.name)) prend fin le \(previous.end.french) avec ce renouvellement : l'arrêté ne peut être daté d'avant. Vérifiez --date (aujourd'hui par défaut).",
                en: "\(member.name)'s current mandate ends on \(previous.end.iso) with this renewal: the order cannot be dated earlier. Check --date (today by default)."))
        }
        try next.appoint(id: id, name: member.name, circle: member.circle, category: member.category, gender: member.gender,
                         orderNumber: orderNumber, on: orderDay, recordedOn: today)
        guard let renewed = next.members[id]?.mandates.last else { preconditionFailure("an appointment that succeeded adds a mandate") }
        if !early, let running = member.mandates.last, member.isInOffice(on: today),
           today.adding(months: CouncilRules.renewalNoticeMonths) < running.end {
            throw CouncilError(.earlyRenewal, Text(
                fr: "\(member.name) : son mandat en cours court jusqu'au \(running.end.french) ; le renouveler aujourd'hui y met fin et utilise le seul renouvellement permis. \(CouncilRules.Quote.renewableOnce.french) Si c'est voulu, relancez avec --anticipe ; sinon, renouvelez dans les \(CouncilRules.renewalNoticeMonths) derniers mois du mandat.",
                en: "\(member.name): their running mandate lasts until \(running.end.iso); renewing it today ends it and uses the only renewal allowed. \(CouncilRules.Quote.renewableOnce.english) If it is meant, run again with --anticipe; otherwise renew within the mandate's last \(CouncilRules.renewalNoticeMonths) months."))
        }
        return renewed
    }
}
