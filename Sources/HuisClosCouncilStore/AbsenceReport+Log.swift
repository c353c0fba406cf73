public import HuisClosCouncil
import HuisClosCrypto
public import HuisClosTrust

/// The absences report as the secretariat signs it into the membership log (record type 11): the
/// president's ex officio end of a mandate is refused by every verifier without it.
extension AbsenceReport {
    /// The canonical text of the report's finding on one member, one field per line: the report's
    /// day, the member's id, the séances missed (oldest first) and how many were excused. Its
    /// BLAKE2b-256 is the record's digest, so the relay sees no name and no séance.
    public func canonicalText(of finding: Finding) -> String {
        ["HuisClos absences report 1", "day \(day.iso)", "member \(finding.memberID)",
         "seances \(finding.seanceIDs.joined(separator: " "))", "excused \(finding.excused)"].joined(separator: "\n")
    }

    /// The `reportAbsences` record of each member the report names, in the report's order.
    public func absencesEvents() throws(CouncilStoreError) -> [MembershipEvent] {
        try findings.map { finding throws(CouncilStoreError) in
            .reportAbsences(member: try MemberID(hex: finding.memberID), count: UInt8(min(finding.seanceIDs.count, Int(UInt8.max))),
                            reportDigest: Hash.blake2b(Array(canonicalText(of: finding).utf8)))
        }
    }
}
