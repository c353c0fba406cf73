import HuisClosCrypto
import HuisClosProtocol
@testable import HuisClosTrust
import Testing

/// Record type 12 (issue 19, item 2): a mandate held before the log, recorded by the secretariat,
/// counts for "renewable once" and grants nothing.
@Suite struct PastMandateTests {
    private static let day: Int64 = 86_400

    private func past(_ member: MemberID, from start: Instant, days: Int64) -> MembershipEvent {
        .recordPastMandate(PastMandate(member: member, role: .member, orderNumber: "arrêté n° 2022-0007",
                                       start: start, end: start.adding(seconds: days * Self.day)))
    }

    @Test func aPastMandateCountsForTheRenewalRule() throws {
        var council = try CouncilFixture()
        let alice = council.alice!.member
        let before = CouncilFixture.start.adding(seconds: -3 * 365 * Self.day - 2 * Self.day)
        try council.log.append(past(alice, from: before, days: 3 * 365), signedBy: council.secretariat.signing, at: council.tick())
        try council.log.append(.endMandate(member: alice, reason: .term), signedBy: council.secretariat.signing, at: council.tick())
        let third = Appointment(member: alice, role: .member, orderNumber: "arrêté n° 2026-0300", orderDate: council.clock,
                                mandateEnd: council.clock.adding(seconds: CouncilFixture.threeYears), scopes: [])
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(.appointMember(third), signedBy: council.secretariat.signing, at: council.tick())
        }
    }

    @Test func aPastMandateGrantsNothing() throws {
        var council = try CouncilFixture()
        let alice = council.alice!
        let before = CouncilFixture.start.adding(seconds: -400 * Self.day)
        try council.log.append(.endMandate(member: alice.member, reason: .resignation), signedBy: council.secretariat.signing, at: council.tick())
        try council.log.append(past(alice.member, from: before, days: 300), signedBy: council.secretariat.signing, at: council.tick())
        let during = before.adding(seconds: 10 * Self.day)
        #expect(council.state.role(of: alice.member, at: during) == nil)
        #expect(!council.state.mayRead(device: alice.signing.publicKey, scope: .council, at: council.clock))
        #expect(council.state.access(of: alice.member, to: .council, at: during) == nil)
    }

    @Test func onlyTheSecretariatRecordsAPastMandateOverAndNotOverlapping() throws {
        var council = try CouncilFixture()
        let alice = council.alice!
        let before = CouncilFixture.start.adding(seconds: -400 * Self.day)
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(past(alice.member, from: before, days: 300), signedBy: council.president.signing, at: council.tick())
        }
        // Not over yet, running into the current mandate, longer than three years, or for someone never appointed: refused.
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(past(alice.member, from: before, days: 410), signedBy: council.secretariat.signing, at: council.tick())
        }
        council.clock = council.clock.adding(seconds: 30 * Self.day)
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(past(alice.member, from: before, days: 410), signedBy: council.secretariat.signing, at: council.tick())
        }
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(past(alice.member, from: before.adding(seconds: -800 * Self.day), days: 1_100),
                                   signedBy: council.secretariat.signing, at: council.tick())
        }
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(past(try MemberID.generate(), from: before, days: 300), signedBy: council.secretariat.signing, at: council.tick())
        }
        // Before 1900 (a day the register cannot hold, so it would hide there) or after the log began: refused.
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(past(alice.member, from: Instant(unixSeconds: -2_300_000_000), days: 300),
                                   signedBy: council.secretariat.signing, at: council.tick())
        }
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(past(alice.member, from: CouncilFixture.start.adding(seconds: -10 * Self.day), days: 11),
                                   signedBy: council.secretariat.signing, at: council.tick())
        }
        try council.log.append(past(alice.member, from: before, days: 300), signedBy: council.secretariat.signing, at: council.tick())
        #expect(throws: TrustError(.invalidTransition)) {
            try council.log.append(past(alice.member, from: before.adding(seconds: 100 * Self.day), days: 100),
                                   signedBy: council.secretariat.signing, at: council.tick())
        }
    }
}
