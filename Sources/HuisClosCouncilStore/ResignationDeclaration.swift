public import HuisClosCouncil
public import HuisClosTrust

/// The president's declaration of resignation ex officio, from the absences report to the lost access.
public enum ResignationDeclaration {
    /// What the declaration produced, for the sync layer to relay.
    public struct Outcome: Sendable {
        /// The `endMandate(exOfficio)` record the president's device signed; relay its `encoded` bytes.
        public let declaration: MembershipRecord
        /// The council scope's new key epoch (record, keys sealed to the devices still entitled,
        /// link): the declared member's devices are not among them, so they read nothing written after.
        public let rotation: EpochRotation
    }

    /// Declares `member` resigned ex officio on `day`: refused (`CouncilError.notReportedForAbsences`)
    /// unless the secretariat's absences report names them (`Register.declareResigned`); then the
    /// president's device signs the end of the mandate in the membership log and starts a new
    /// epoch of the council scope's key at once. The log refuses the end (`TrustError`) unless the
    /// secretariat signed the report into it first (`AbsenceReport.absencesEvents`, record type 11).
    /// On a throw, neither `log` nor `keyring` changes.
    public static func declare(_ member: MemberID, register: Register, report: AbsenceReport, on day: Day,
                               log: inout MembershipLog, presidentKeyring keyring: inout ScopeKeyring,
                               at instant: Instant) throws -> Outcome {
        var checked = register
        try checked.declareResigned(member.hex, on: day, report: report)
        var nextLog = log
        var nextKeyring = keyring
        let record = try nextLog.append(.endMandate(member: member, reason: .exOfficio), signedBy: keyring.device.signing, at: instant)
        let rotation = try ScopeKeyIssuer.startEpoch(of: CouncilRecords.scope, reason: .memberRemoved, log: &nextLog,
                                                     keyring: &nextKeyring, at: instant)
        log = nextLog
        keyring = nextKeyring
        return Outcome(declaration: record, rotation: rotation)
    }
}
