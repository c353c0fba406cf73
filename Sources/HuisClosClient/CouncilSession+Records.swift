import HuisClosCouncil
import HuisClosDossiers
import HuisClosPublication
import HuisClosTrust

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
        let report = try ActivityRecords.report(year: year, seances: try council.seances(), register: register.register, store: device.store)
        return (report, await device.membership.councilName)
    }
}
