import Foundation
public import HuisClosCouncil
import HuisClosCouncilStore
public import HuisClosDevice
public import HuisClosL10n
import HuisClosTerminal
public import HuisClosTrust

/// The secretariat's register workflows beyond one appointment: a renewal in one step, a whole
/// file of appointments, a mandate held before the log (issue 19).
extension CouncilSession {
    /// Renews `member`'s mandate by order `orderNumber` of `orderDay` (today when nil): checked on
    /// the register first, then the running mandate's end and the new appointment signed together
    /// (`Device.renewMandate`: the presidency kept by a sitting president, given back to a former
    /// one only `asPresident`), then synced. Returns what was signed.
    public func renew(_ member: MemberID, orderNumber: String, orderDay: Day?, early: Bool = false, asPresident: Bool = false) async throws -> MandateRenewal {
        try requireSecretariat(Text(fr: "renouveler un mandat", en: "renew a mandate"))
        let register = try await settled().register.register
        if asPresident, let holder = register.presidentInOffice(on: today), holder.id != member.hex {
            throw Register.presidencyHeldRefusal(holder)
        }
        let renewal = try await device.renewMandate(of: member, orderNumber: orderNumber, on: orderDay ?? today, early: early, asPresident: asPresident,
                                                    register: register, today: today)
        _ = try await device.sync()
        return renewal
    }

    /// Checks every line of the appointments file at `path` (UTF-8, at most
    /// `AppointmentImport.fileBytesMax`) against the register as the earlier lines leave it
    /// (`AppointmentImport.plan`); unless `dryRun`, appoints them all in one signed batch and syncs.
    /// Returns each line checked, with the new member's id once written.
    public func importAppointments(fileAt path: String, dryRun: Bool, namesakes: Bool = false) async throws -> Result<[ImportedAppointment], AppointmentImport.Failure> {
        try PlaintextFile.requireReadable(atPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        guard let size, size <= AppointmentImport.fileBytesMax, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw UsageError("FICHIER", path, accepts: Text(
                fr: "un fichier CSV lisible, en UTF-8, de \(AppointmentImport.fileBytesMax / 1024) Kio au plus",
                en: "a readable UTF-8 CSV file of at most \(AppointmentImport.fileBytesMax / 1024) KiB"))
        }
        try requireSecretariat(Text(fr: "nommer des membres", en: "appoint members"))
        switch AppointmentImport.plan(text, register: try await settled().register.register, today: today, namesakes: namesakes) {
        case let .failure(failure):
            return .failure(failure)
        case let .success(rows):
            let members = dryRun ? nil : try await device.appoint(rows)
            if !dryRun { _ = try await device.sync() }
            return .success(rows.enumerated().map { index, row in
                ImportedAppointment(line: row.line, name: row.name, member: members?[index].hex, start: row.orderDay.iso, termEnd: row.termEnd.iso)
            })
        }
    }

    /// Records a mandate `member` held before the council kept its log (order `orderNumber`, from
    /// `start` to `end`): checked on the register first (it counts for "renewable once", grants
    /// nothing), signed into the log, then synced. Returns the member's mandates now counted.
    public func recordPastMandate(of member: MemberID, orderNumber: String, from start: Day, to end: Day) async throws -> Int {
        try requireSecretariat(Text(fr: "enregistrer un mandat antérieur", en: "record a past mandate"))
        var register = try await settled().register.register
        try register.recordPastMandate(of: member.hex, orderNumber: orderNumber, from: start, to: end, recordedOn: today)
        let circle = register.members[member.hex]?.circle
        try await device.sign(.recordPastMandate(PastMandate(
            member: member, role: circle == .second ? .secondCircle : .member, orderNumber: orderNumber,
            start: Instant(unixSeconds: start.unixSeconds), end: Instant(unixSeconds: end.unixSeconds))))
        _ = try await device.sync()
        return register.members[member.hex]?.mandates.count ?? 0
    }
}

/// One line of an appointments file, checked (and appointed unless a dry run): the `--json`
/// record of `huisclos membres importer`.
public struct ImportedAppointment: Sendable, Encodable, Equatable {
    public let line: Int
    public let name: String
    /// The new member's id (hex), once appointed.
    public let member: String?
    public let start: String
    public let termEnd: String

    /// The line as a person reads it (days as French documents write them, in French).
    public var text: Text {
        let (from, to) = (Day(iso: start)?.french ?? start, Day(iso: termEnd)?.french ?? termEnd)
        return Text(fr: "ligne \(line) : \(name)\(member.map { " — identifiant \($0)" } ?? "") — mandat du \(from) au \(to)",
             en: "line \(line): \(name)\(member.map { " — id \($0)" } ?? "") — mandate from \(start) to \(termEnd)")
    }
}
