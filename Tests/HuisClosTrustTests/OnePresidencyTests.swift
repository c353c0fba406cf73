import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// The council has one presidency, in the log as in the register: a second president's devices
/// would hold the president's rights (convening, declaring resignations) beside the first's.
/// Held to logs begun from 2026-12-08; older logs verify as they were signed.
@Suite struct OnePresidencyTests {
    static let strictStart = Instant(unixSeconds: 1_796_688_000)  // 2026-12-08T00:00:00Z

    /// The attacker's review: the log took a second president while the first sat.
    @Test func theLogRefusesASecondPresidentWhileOneSits() throws {
        var council = try CouncilFixture(start: Self.strictStart)
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

    /// The acceptance run: the secretariat granted itself a working group and read its dossiers,
    /// which a stolen secretariat device could do as well.
    @Test func theLogGivesTheSecretariatNoWorkingGroup() throws {
        var council = try CouncilFixture(start: Self.strictStart)
        let group = try ScopeID("group:budget")
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(.addToScope(member: council.secretariat.member, scope: group, access: .read, expiry: nil),
                                   signedBy: council.secretariat.signing, at: council.tick())
        }
        try council.log.append(.addToScope(member: council.president.member, scope: group, access: .read, expiry: nil),
                               signedBy: council.secretariat.signing, at: council.tick())
    }

    /// The attacker's review of the rule above: a log begun before it, where an older version
    /// signed a second president, must still verify on every device and at every relay start.
    @Test func aLogBegunBeforeTheRuleStillVerifiesWithTwoPresidents() throws {
        var council = try CouncilFixture()
        let lea = try MemberID.generate()
        let now = council.tick()
        try council.log.append(.appointMember(Appointment(member: lea, role: .president, orderNumber: "arrêté n° 2026-0300", orderDate: now,
                                                          mandateEnd: now.adding(seconds: CouncilFixture.threeYears), scopes: [])),
                               signedBy: council.secretariat.signing, at: now)
        let verified = try MembershipLog(verifying: council.encodedLog, root: council.root, now: council.clock)
        #expect(verified.state.role(of: lea, at: council.clock) == .president)
        #expect(verified.state.role(of: council.president.member, at: council.clock) == .president)
    }

    /// The attacker's review: a president appointed with a mandate far past the 3-year term
    /// would keep the presidency in the log after the register shows her out of office.
    @Test func aMandateBeyondItsTermIsRefused() throws {
        var council = try CouncilFixture(start: Self.strictStart)
        let now = council.tick()
        let endless = Appointment(member: try MemberID.generate(), role: .member, orderNumber: "arrêté n° 2026-0301", orderDate: now,
                                  mandateEnd: now.adding(seconds: 40 * 365 * 86_400), scopes: [])
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(.appointMember(endless), signedBy: council.secretariat.signing, at: now)
        }
    }
}
