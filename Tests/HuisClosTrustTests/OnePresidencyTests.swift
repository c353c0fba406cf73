import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// The council has one presidency, in the log as in the register: a second president's devices
/// would hold the president's rights (convening, declaring resignations) beside the first's.
@Suite struct OnePresidencyTests {
    /// The attacker's review: the log took a second president while the first sat.
    @Test func theLogRefusesASecondPresidentWhileOneSits() throws {
        var council = try CouncilFixture()
        let lea = try MemberID.generate()
        let now = council.tick()
        let second = Appointment(member: lea, role: .president, orderNumber: "arrêté n° 2026-0300", orderDate: now,
                                 mandateEnd: now.adding(seconds: CouncilFixture.threeYears), scopes: [])
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(.appointMember(second), signedBy: council.secretariat.signing, at: now)
        }
        #expect(council.state.role(of: lea, at: council.clock) == nil, "nothing recorded")
        // Once the sitting president's mandate ends, the presidency is free.
        try council.log.append(.endMandate(member: council.president.member, reason: .resignation),
                               signedBy: council.secretariat.signing, at: council.tick())
        try council.log.append(.appointMember(second), signedBy: council.secretariat.signing, at: council.tick())
        #expect(council.state.role(of: lea, at: council.clock) == .president)
    }
}
