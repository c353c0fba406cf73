public import Foundation
public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
public import HuisClosL10n
public import HuisClosPublication
import HuisClosTerminal
public import HuisClosTrust

extension CouncilSession {
    /// Records referral `id` received on `day` from `origin`, then syncs.
    public func receiveReferral(_ id: String, subject: String, origin: ActivityReport.Referral.Origin, on day: Day) async throws {
        try Referrals(store: device.store).receive(id, subject: subject, origin: origin, on: day)
        _ = try await device.sync()
    }

    /// Links referral `id` to avis `avis` (which must exist) by hand, then syncs.
    public func answerReferral(_ id: String, with avis: String) async throws {
        _ = try AvisDrafts(store: device.store).draft(avis)
        try Referrals(store: device.store).answer(id, with: avis)
        _ = try await device.sync()
    }

    /// The president creates working group `name`: the signed log opens `group:<name>` to
    /// `members` and `supplementary` members only, with a key for them alone; the roster is
    /// recorded, then synced.
    public func createWorkingGroup(_ name: String, members: [MemberID], supplementary: [MemberID]) async throws {
        try await device.changeMembership { log, keyring, instant in
            try WorkingGroups.create(name, members: members, supplementaryMembers: supplementary, log: &log, keyring: &keyring, at: instant)
        }
        try WorkingGroupRoster(store: device.store).record(
            name, members: members.map(\.hex), supplementaryMembers: supplementary.map(\.hex), on: today)
        _ = try await device.sync()
    }

    /// The activity report of `year` from the council's records on this device, and the council's name.
    public func activityReport(year: Int) async throws -> (report: ActivityReport, council: String) {
        let readable = await device.readableScopes
        let report = try ActivityRecords.report(year: year, seances: try council.seances(), register: register.register, store: device.store,
                                                on: councilDay, readable: { readable.contains($0) })
        return (report, await device.membership.councilName)
    }

    /// Writes the activity report of `year` into `folder` (created 0700 if missing) as
    /// `rapport-<year>.md`, `rapport-<year>.html` and `assiduite-<year>.svg`, each in plaintext,
    /// 0600, never over an existing file; returns the report.
    public func writeActivityReport(year: Int, to folder: URL) async throws -> ActivityReport {
        let (report, council) = try await activityReport(year: year)
        let chart = "assiduite-\(year).svg"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try PlaintextFile.write(Data(report.markdown(councilName: council, chartFile: chart).utf8),
                                toPath: folder.appendingPathComponent("rapport-\(year).md").path)
        try PlaintextFile.write(Data(report.html(councilName: council).utf8), toPath: folder.appendingPathComponent("rapport-\(year).html").path)
        try PlaintextFile.write(Data(AttendanceChart.svg(report.attendance, year: year).utf8), toPath: folder.appendingPathComponent(chart).path)
        return report
    }

    /// The absences report as a table (the findings as JSON), or nil when no member missed 3
    /// consecutive séances.
    public func absencesListing(_ report: AbsenceReport, in language: Language) -> Listing? {
        guard !report.findings.isEmpty else { return nil }
        var listing = Listing(headers: [Text(fr: "Identifiant", en: "Id"), Text(fr: "Nom", en: "Name"), Text(fr: "Séances manquées", en: "Séances missed"),
                                        Text(fr: "Dont excusées", en: "Of which excused")].map { $0.in(language) }, records: report.findings)
        for finding in report.findings {
            let late = Set(finding.recordedLate), suffix = Text(fr: " (a posteriori)", en: " (after the fact)").in(language)
            listing.appendRow([finding.memberID, finding.name, finding.seanceIDs.map { late.contains($0) ? $0 + suffix : $0 }.joined(separator: ", "),
                               "\(finding.excused)"])
        }
        return listing
    }
}

extension CouncilSession {
    /// The years an activity report can cover: four digits, as its file names and the SEDA dates write them.
    public static let reportYears = 1900...9999

    /// Refuses a year the activity report cannot cover (a usage error naming the range), before any device is opened.
    public static func checkReportYear(_ year: Int) throws {
        guard reportYears.contains(year) else {
            throw UsageError(
                "<year>", "\(year)",
                accepts: Text(fr: "une année de \(reportYears.lowerBound) à \(reportYears.upperBound)", en: "a year from \(reportYears.lowerBound) to \(reportYears.upperBound)"))
        }
    }
}
