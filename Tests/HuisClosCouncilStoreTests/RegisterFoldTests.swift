import GRDB
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosStore
import HuisClosTrust
import Testing

/// A membership log built through the real trust API, with its clock, and the devices it certifies.
struct LogFixture {
    static let start = Instant(unixSeconds: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let charter = Hash.blake2b(Array("Charte de déontologie, version 1".utf8))
    let rootKey: SigningKeyPair
    var log: MembershipLog
    var clock = LogFixture.start
    var secretariat: DeviceIdentity!

    init() throws {
        rootKey = try SigningKeyPair.generate()
        log = try TrustRoot.establishCouncil(named: "Conseil numérique", rootKey: rootKey, at: clock)
        secretariat = try enrol(.secretariat, order: "arrêté 2026-001", by: rootKey, certifiedBy: rootKey)
    }

    /// Moves the clock to `day` (noon UTC), never backwards.
    mutating func at(_ iso: String) -> Instant {
        clock = max(clock.adding(seconds: 60), Instant(unixSeconds: Day(iso: iso)!.unixSeconds + 43_200))
        return clock
    }

    mutating func tick() -> Instant { clock = clock.adding(seconds: 60); return clock }

    /// Appoints a person (order dated today) for three years, certifies one device, accepts the undertaking.
    @discardableResult
    mutating func enrol(_ role: Role, order: String, by appointer: SigningKeyPair? = nil,
                        certifiedBy certifier: SigningKeyPair? = nil) throws -> DeviceIdentity {
        let member = try MemberID.generate()
        try appoint(member, role, order: order, by: appointer)
        let device = try DeviceIdentity.generate(for: member)
        try log.append(.certifyDevice(device.certificate), signedBy: certifier ?? secretariat.signing, at: tick())
        try log.append(.acceptUndertaking(member: member, device: device.signing.publicKey, charterDigest: Self.charter),
                       signedBy: device.signing, at: tick())
        return device
    }

    mutating func appoint(_ member: MemberID, _ role: Role, order: String, by appointer: SigningKeyPair? = nil) throws {
        let now = tick()
        let start = Instant(unixSeconds: Day(unixSeconds: now.unixSeconds)!.unixSeconds)
        try log.append(.appointMember(Appointment(member: member, role: role, orderNumber: order, orderDate: start,
                                                  mandateEnd: Instant(unixSeconds: Day(unixSeconds: now.unixSeconds)!.adding(years: 3).unixSeconds),
                                                  scopes: [])),
                       signedBy: appointer ?? secretariat.signing, at: now)
    }
}

@Suite struct RegisterFoldTests {
    @Test func registerShowsTheLogsMandatesRolesAndTheProfilesNames() throws {
        var fixture = try LogFixture()
        let peers = try CouncilPeers(1)
        let president = try fixture.enrol(.president, order: "arrêté 2026-002")
        let alice = try fixture.enrol(.member, order: "arrêté 2026-003")
        let second = try fixture.enrol(.secondCircle, order: "arrêté 2026-004")
        try peers[0].recordProfile(member: president.member.hex, name: "Présidente Aubry", category: .publicPartners, gender: .female)
        try peers[0].recordProfile(member: alice.member.hex, name: "Alice Martin", category: .research, gender: .female)
        try peers[0].recordProfile(member: second.member.hex, name: "Sami Benali", category: .civilSociety, gender: .male)
        try peers[0].proposeVicePresident(member: alice.member.hex, on: Day(iso: "2026-01-01")!)
        for member in [alice.member, second.member] {
            try peers[0].store.commitLocal([.set(try RecordKey(kind: CouncilRecords.Kind.vicePresidentAppointment, id: member.hex),
                                                 field: CouncilRecords.Field.appointedOn, value: .text("2026-01-01"))], scope: .council)
        }

        let folded = CouncilRegister(log: fixture.log, profiles: try peers[0].profiles(), proposals: try peers[0].vicePresidentProposals(),
                                     appointments: try peers[0].vicePresidentAppointments())
        let today = Day(iso: "2026-01-02")!
        #expect(folded.register.presidentID == president.member.hex)
        #expect(folded.register.vicePresidents.map(\.memberID) == [alice.member.hex])
        #expect(folded.vicePresidentsWithoutProposal == [second.member.hex])
        #expect(folded.unfolded.isEmpty)
        #expect(folded.secretariat == [fixture.secretariat.member.hex])
        #expect(folded.register.firstCircle(on: today).map(\.name).contains("Alice Martin"))
        #expect(folded.register.members[second.member.hex]?.circle == .second)
        let composition = Composition(of: folded.register, on: today)
        #expect(composition.byCategory[.research] == 1)
        #expect(composition.byGender[.female] == 2)
    }

    @Test func theLogRefusesAVicePresidencyAsAMandateOfItsOwn() throws {
        var fixture = try LogFixture()
        let error = #expect(throws: TrustError.self) { try fixture.appoint(try MemberID.generate(), .vicePresident, order: "arrêté 2026-006") }
        #expect(error?.description.contains("a vice-presidency is a council role on a running first-circle mandate") == true)
    }

    @Test func aBackdatedRenewalIsRefusedByTheLogAsByTheRegister() throws {
        var fixture = try LogFixture()
        let member = try MemberID.generate()
        _ = fixture.at("2026-01-05")
        try fixture.appoint(member, .member, order: "C-1")
        try fixture.log.append(.endMandate(member: member, reason: .resignation), signedBy: fixture.secretariat.signing, at: fixture.at("2026-06-01"))
        let renewal = fixture.at("2026-06-02")
        let backdated = Appointment(member: member, role: .member, orderNumber: "C-2", orderDate: Instant(unixSeconds: Day(iso: "2026-05-01")!.unixSeconds),
                                    mandateEnd: Instant(unixSeconds: Day(iso: "2029-05-01")!.unixSeconds), scopes: [])
        let error = #expect(throws: TrustError.self) {
            try fixture.log.append(.appointMember(backdated), signedBy: fixture.secretariat.signing, at: renewal)
        }
        #expect(error?.description.contains("previous mandate ended on 2026-06-01") == true)
        let folded = CouncilRegister(log: fixture.log, profiles: [:], proposals: [:])
        #expect(folded.register.members[member.hex]?.mandates.count == 1 && folded.unfolded.isEmpty)
    }

    @Test func aBackdatedOrderIsCountedOnTheFullestDaySinceItsDateByTheLogAsByTheRegister() throws {
        var fixture = try LogFixture()
        _ = fixture.at("2026-01-05")
        let leaving = try MemberID.generate()
        try fixture.appoint(leaving, .member, order: "D-0")
        for index in 1..<CouncilRules.firstCircleMembersMax { try fixture.appoint(try MemberID.generate(), .member, order: "D-\(index)") }
        try fixture.log.append(.endMandate(member: leaving, reason: .resignation), signedBy: fixture.secretariat.signing, at: fixture.at("2026-03-01"))
        // 29 sit today, but 30 sat on the order's date: the seat was not free then.
        let backdated = Appointment(member: try MemberID.generate(), role: .member, orderNumber: "D-31",
                                    orderDate: Instant(unixSeconds: Day(iso: "2026-02-01")!.unixSeconds),
                                    mandateEnd: Instant(unixSeconds: Day(iso: "2029-02-01")!.unixSeconds), scopes: [])
        let error = #expect(throws: TrustError.self) {
            try fixture.log.append(.appointMember(backdated), signedBy: fixture.secretariat.signing, at: fixture.at("2026-03-02"))
        }
        #expect(error?.description.contains(CouncilRules.Quote.thirtyMembers.english) == true)
        // Dated from the day the seat is free, both accept it.
        try fixture.appoint(try MemberID.generate(), .member, order: "D-32")
        let folded = CouncilRegister(log: fixture.log, profiles: [:], proposals: [:])
        #expect(folded.unfolded.isEmpty)
        #expect(folded.register.firstCircle(on: Day(iso: "2026-03-02")!).count == CouncilRules.firstCircleMembersMax)
    }

    @Test func aLogRecordTheRegisterCannotFoldIsListedNotDropped() throws {
        var fixture = try LogFixture()
        let member = try MemberID.generate()
        let short = Appointment(member: member, role: .member, orderNumber: "E-1", orderDate: Instant(unixSeconds: Day(iso: "2026-02-01")!.unixSeconds),
                                mandateEnd: Instant(unixSeconds: Day(iso: "2026-02-10")!.unixSeconds), scopes: [])
        try fixture.log.append(.appointMember(short), signedBy: fixture.secretariat.signing, at: fixture.at("2026-02-01"))
        // The log's mandate ended on its own end date; the register counts 3 years from the order.
        _ = fixture.at("2026-02-11")
        try fixture.appoint(member, .member, order: "E-2")
        let folded = CouncilRegister(log: fixture.log, profiles: [:], proposals: [:])
        #expect(folded.register.members[member.hex]?.mandates.map(\.orderNumber) == ["E-1"])
        #expect(folded.unfolded.map(\.member) == [member.hex])
        #expect(folded.unfolded.first?.refusal.code == .alreadyInOffice)
    }

    @Test func thirtyFirstAndThirdMandateAreRefusedByTheLogWithTheCouncilsWords() throws {
        var fixture = try LogFixture()
        for index in 0..<CouncilRules.firstCircleMembersMax { try fixture.appoint(try MemberID.generate(), .member, order: "A-\(index)") }
        let error = #expect(throws: TrustError.self) { try fixture.appoint(try MemberID.generate(), .member, order: "A-31") }
        #expect(error?.description.contains(CouncilRules.Quote.thirtyMembers.english) == true)

        var renewals = try LogFixture()
        let member = try MemberID.generate()
        for order in ["B-1", "B-2"] {
            try renewals.appoint(member, .member, order: order)
            try renewals.log.append(.endMandate(member: member, reason: .term), signedBy: renewals.secretariat.signing, at: renewals.tick())
        }
        let third = #expect(throws: TrustError.self) { try renewals.appoint(member, .member, order: "B-3") }
        #expect(third?.description.contains(CouncilRules.Quote.renewableOnce.english) == true)
    }
}
