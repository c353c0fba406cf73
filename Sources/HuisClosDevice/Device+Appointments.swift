import HuisClosCouncil
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust

extension Device {
    /// Appoints every row of a file checked whole by `AppointmentImport.plan`: one appointment
    /// record each, signed and relayed together (a refusal by the log leaves none signed), then
    /// each person's profile (name, category, gender) in the council scope. Returns the new member
    /// ids in the rows' order; the caller syncs once afterwards.
    public func appoint(_ rows: [AppointmentImport.Row]) async throws -> [MemberID] {
        let ids = try rows.map { _ in try MemberID.generate() }
        let signer = identity.signing
        try await changeMembership { log, _, instant in
            for (row, id) in zip(rows, ids) {
                let role: Role = switch row.role {
                case .member: .member
                case .president: .president
                case .secondCircle: .secondCircle
                }
                let appointment = Appointment(member: id, role: role, orderNumber: row.orderNumber,
                                              orderDate: Instant(unixSeconds: row.orderDay.unixSeconds),
                                              mandateEnd: Instant(unixSeconds: row.termEnd.unixSeconds), scopes: [])
                do throws(TrustError) {
                    _ = try log.append(.appointMember(appointment), signedBy: signer, at: instant)
                } catch {
                    throw DeviceError(.notAuthorised, Text(fr: "ligne \(row.line) : le registre signé refuse cette nomination : \(error.text.french)",
                                                      en: "line \(row.line): the membership log refuses this appointment: \(error.text.english)"))
                }
            }
            return nil
        }
        for (row, id) in zip(rows, ids) {
            try council.recordProfile(member: id.hex, name: row.name, category: row.category, gender: row.gender)
        }
        return ids
    }
}
