import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosStore
import HuisClosTrust
import Testing

/// The vice-presidency is a role on the member's running mandate, recorded after the president's
/// proposal: no new mandate, no change of term, so it does not use up the renewal.
@Suite struct VicePresidencyTests {
    static func fold(_ fixture: LogFixture, _ peer: CouncilStore) throws -> CouncilRegister {
        CouncilRegister(log: fixture.log, profiles: try peer.profiles(), proposals: try peer.vicePresidentProposals(),
                        appointments: try peer.vicePresidentAppointments())
    }

    @Test func aFirstMandateMemberMadeVicePresidentKeepsTheTermAndCanStillBeRenewedOnce() throws {
        var fixture = try LogFixture()
        let peers = try CouncilPeers(1)
        let alice = try fixture.enrol(.member, order: "arrêté 2026-003").member
        try peers[0].recordProfile(member: alice.hex, name: "Alice Martin", category: .research, gender: .female)
        let before = try #require(try Self.fold(fixture, peers[0]).register.members[alice.hex]?.mandates)

        try peers[0].proposeVicePresident(member: alice.hex, on: try #require(Day(iso: "2026-01-10")))
        try peers[0].appointVicePresident(member: alice.hex, orderNumber: "arrêté 2026-020", on: try #require(Day(iso: "2026-01-20")),
                                          register: try Self.fold(fixture, peers[0]).register)
        _ = fixture.at("2026-02-01")
        let vice = try Self.fold(fixture, peers[0])
        #expect(vice.register.vicePresidents.map(\.memberID) == [alice.hex])
        #expect(vice.register.vicePresidents.first?.proposedOn == Day(iso: "2026-01-10"))
        #expect(vice.register.vicePresidents.first?.appointedOn == Day(iso: "2026-01-20"))
        #expect(vice.register.members[alice.hex]?.mandates == before)
        #expect(vice.vicePresidentsWithoutProposal.isEmpty)

        // The first mandate ends (she resigns); the one renewal is still hers, and the role ended with the mandate.
        _ = fixture.at("2027-06-01")
        try fixture.log.append(.endMandate(member: alice, reason: .resignation), signedBy: fixture.secretariat.signing, at: fixture.tick())
        _ = fixture.at("2027-06-02")
        try fixture.appoint(alice, .member, order: "arrêté 2027-001")
        let renewed = try Self.fold(fixture, peers[0])
        #expect(renewed.register.members[alice.hex]?.mandates.map(\.orderNumber) == ["arrêté 2026-003", "arrêté 2027-001"])
        #expect(renewed.register.vicePresidents.isEmpty)
        try fixture.log.append(.endMandate(member: alice, reason: .resignation), signedBy: fixture.secretariat.signing, at: fixture.tick())
        let third = #expect(throws: TrustError.self) { try fixture.appoint(alice, .member, order: "arrêté 2027-002") }
        #expect(third?.description.contains(CouncilRules.Quote.renewableOnce.english) == true)
    }

    @Test func aVicePresidentWithoutTheProposalRecordedIsRefused() throws {
        var fixture = try LogFixture()
        let peers = try CouncilPeers(1)
        let bob = try fixture.enrol(.member, order: "arrêté 2026-004").member
        let error = #expect(throws: CouncilError.self) {
            try peers[0].appointVicePresident(member: bob.hex, orderNumber: "arrêté 2026-021", on: Day(iso: "2026-01-20")!,
                                              register: try Self.fold(fixture, peers[0]).register)
        }
        #expect(error?.code == .notProposedByPresident)
        #expect(error?.text.french.contains("sur proposition du président") == true)
        #expect(try peers[0].store.outbox().isEmpty)

        // An appointment record slipped in without a proposal is not shown as a vice-presidency.
        try peers[0].store.commitLocal([.set(try RecordKey(kind: CouncilRecords.Kind.vicePresidentAppointment, id: bob.hex),
                                             field: CouncilRecords.Field.appointedOn, value: .text("2026-01-20"))], scope: .council)
        let folded = try Self.fold(fixture, peers[0])
        #expect(folded.register.vicePresidents.isEmpty)
        #expect(folded.vicePresidentsWithoutProposal == [bob.hex])
    }
}
