import HuisClosL10n

extension Register {
    /// Records a mandate `id` held before the council kept its register (the membership log's
    /// record type 12), from its order's day `start` to `end`: history that counts for "renewable
    /// once" (`appoint` counts every mandate) and is never in force today. Refused, register
    /// unchanged, for an unknown member, a mandate not over by `recorded`, longer than the 3-year
    /// term, overlapping one of the member's mandates, or a first-circle member's third.
    public mutating func recordPastMandate(of id: String, orderNumber: String, from start: Day, to end: Day,
                                           recordedOn recorded: Day) throws(CouncilError) {
        guard var member = members[id] else { throw Self.unknown(id) }
        let term = CouncilRules.mandateEnd(from: start)
        guard start < end, end <= term else {
            throw CouncilError(.invalidDate, Text(
                fr: "Un mandat de 3 ans ouvert le \(start.french) prend fin au plus tard le \(term.french), et après son début : vérifiez --debut et --fin (\(end.french)).",
                en: "A 3-year mandate opened on \(start.iso) ends on \(term.iso) at the latest, and after it starts: check --debut and --fin (\(end.iso))."))
        }
        guard end <= recorded else {
            throw CouncilError(.invalidDate, Text(
                fr: "Un mandat antérieur est terminé : celui-ci prend fin le \(end.french), après aujourd'hui (\(recorded.french)). Vérifiez --fin.",
                en: "A past mandate is over: this one ends on \(end.iso), after today (\(recorded.iso)). Check --fin."))
        }
        if let other = member.mandates.first(where: { $0.start < end && start < $0.end }) {
            throw CouncilError(.invalidDate, Text(
                fr: "\(member.name) exerçait déjà un mandat du \(other.start.french) au \(other.end.french) (\(Mandate.order(other.orderNumber).french)) : les mandats ne se chevauchent pas.",
                en: "\(member.name) already held a mandate from \(other.start.iso) to \(other.end.iso) (\(Mandate.order(other.orderNumber).english)): mandates do not overlap."))
        }
        // Renewable once: history that would make a third mandate says the running one should not
        // have been opened (the acceptance run: two past mandates made a sitting member's third).
        if member.circle == .first, member.mandates.count + 1 > CouncilRules.mandatesPerPersonMax {
            let current = member.mandates.last.map { "\($0.start.french) – \($0.end.french)" } ?? "-"
            throw CouncilError(.thirdMandateRefused, Text(
                fr: "\(member.name) compte déjà \(member.mandates.count) mandat(s) au registre (le dernier : \(current)) : avec celui-ci, ce serait \(member.mandates.count + 1). \(CouncilRules.Quote.renewableOnce.french) Si cet historique est exact, le mandat en cours n'aurait pas dû être ouvert : mettez-y fin (huisclos membres fin-mandat \(id) --motif terme), puis enregistrez l'historique.",
                en: "\(member.name) already counts \(member.mandates.count) mandate(s) in the register (the latest: \(current)): with this one, \(member.mandates.count + 1). \(CouncilRules.Quote.renewableOnce.english) If this history is right, the running mandate should not have been opened: end it (huisclos membres fin-mandat \(id) --motif terme), then record the history."))
        }
        var mandate = Mandate(orderNumber: orderNumber, start: start)
        if end < term { mandate.earlyEnd = Mandate.EarlyEnd(day: end, reason: .ended) }
        member.mandates.append(mandate)
        member.mandates.sort { $0.start < $1.start }
        members[id] = member
    }
}
