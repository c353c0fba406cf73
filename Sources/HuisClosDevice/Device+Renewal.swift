import HuisClosCouncil
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust

extension Device {
    /// Renews `member`'s mandate in one step: checked first on `register` as of `today`
    /// (`Register.renewal`: same circle and profile, no third mandate, no 31st seat), then signed
    /// into the log together — the running mandate's end at its term, if it still runs, and the
    /// appointment in the role of the latest mandate — so a refusal leaves neither signed. Returns
    /// the new mandate (its `termEnd` is what the secretariat is told). The member's devices stay
    /// valid (same role) and sign the new mandate's undertaking at their next sync.
    public func renewMandate(of member: MemberID, orderNumber: String, on orderDay: Day,
                             register: Register, today: Day) async throws -> Mandate {
        let mandate = try register.renewal(of: member.hex, orderNumber: orderNumber, on: orderDay, today: today)
        let signer = identity.signing
        try await changeMembership { log, _, instant in
            guard let role = log.state.lastRole(of: member) else {
                throw DeviceError(.notAuthorised, Text(fr: "le membre \(member) n'a pas de mandat à renouveler dans le registre signé : voyez huisclos membres liste",
                                                          en: "member \(member) has no mandate in the membership log to renew: see huisclos membres liste"))
            }
            do throws(TrustError) {
                if log.state.role(of: member, at: instant) != nil {
                    _ = try log.append(.endMandate(member: member, reason: .term), signedBy: signer, at: instant)
                }
                let appointment = Appointment(member: member, role: role, orderNumber: orderNumber,
                                              orderDate: Instant(unixSeconds: orderDay.unixSeconds),
                                              mandateEnd: Instant(unixSeconds: mandate.termEnd.unixSeconds), scopes: [])
                _ = try log.append(.appointMember(appointment), signedBy: signer, at: instant)
            } catch {
                throw DeviceError(.notAuthorised, Text(fr: "le registre signé refuse ce renouvellement : \(error.text.french)",
                                                          en: "the membership log refuses this renewal: \(error.text.english)"))
            }
            return nil
        }
        return mandate
    }
}
