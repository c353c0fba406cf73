import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// Issue 11, finding 10: the president ends a mandate ex officio only for a first-circle member
/// named in the secretariat's signed absences report.
@Suite struct ExOfficioTests {
    @Test func thePresidentCannotEndTheSecretariatsOrAGuestsMandateExOfficio() throws {
        var council = try CouncilFixture()
        let guest = try council.enrol(.guest, scopes: [], appointedBy: council.secretariat.signing, certifiedBy: council.secretariat.signing)
        for member in [council.secretariat.member, guest.member, council.alice.member] {
            #expect(throws: TrustError.self) {
                try council.log.append(.endMandate(member: member, reason: .exOfficio), signedBy: council.president.signing, at: council.tick())
            }
            #expect(council.state.role(of: member, at: council.clock) != nil)
        }
    }
}

extension ExOfficioTests {
    @Test func exOfficioEndsAFirstCircleMandateOnlyOnTheSecretariatsSignedReport() throws {
        var council = try CouncilFixture()
        let alice = council.alice.member
        let digest = Hash.blake2b(Array("HuisClos absences report 1\nmember alice".utf8))
        let report = MembershipEvent.reportAbsences(member: alice, count: 3, reportDigest: digest)
        // Only the secretariat signs a report; the president cannot report for themself.
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(report, signedBy: council.president.signing, at: council.tick()) }
        try council.log.append(report, signedBy: council.secretariat.signing, at: council.tick())
        #expect(council.state.absencesReports(of: alice, at: council.clock) == [digest])
        // The same report twice changes nothing; a report on a guest or with fewer than 3 absences is refused.
        #expect(throws: TrustError(.invalidTransition)) { try council.log.append(report, signedBy: council.secretariat.signing, at: council.tick()) }
        let guest = try council.enrol(.guest, scopes: [], appointedBy: council.secretariat.signing, certifiedBy: council.secretariat.signing)
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(.reportAbsences(member: guest.member, count: 3, reportDigest: digest), signedBy: council.secretariat.signing, at: council.tick())
        }
        #expect(throws: TrustError(.malformed)) {
            try council.log.append(.reportAbsences(member: alice, count: 2, reportDigest: digest), signedBy: council.secretariat.signing, at: council.tick())
        }
        // Only the president ends the mandate, and only now that the report is in the log.
        let end = MembershipEvent.endMandate(member: alice, reason: .exOfficio)
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(end, signedBy: council.secretariat.signing, at: council.tick()) }
        try council.log.append(end, signedBy: council.president.signing, at: council.tick())
        #expect(council.state.role(of: alice, at: council.clock) == nil)
        #expect(try MembershipLog(verifying: council.encodedLog, root: council.root, now: council.clock).state.headIndex == council.state.headIndex)
    }
}
