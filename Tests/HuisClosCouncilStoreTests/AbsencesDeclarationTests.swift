import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust
import Testing

@Suite struct AbsencesDeclarationTests {
    /// Three closed séances where Chloé never came (excused once), Alice and Bob always did;
    /// Dan, appointed after the first séance, missed the last two only.
    static func council() throws -> (LogFixture, CouncilPeers, president: DeviceIdentity, members: [DeviceIdentity], ScopeKeyring) {
        var fixture = try LogFixture()
        let peers = try CouncilPeers(2)
        let president = try fixture.enrol(.president, order: "arrêté 2026-002")
        let members = try ["Alice", "Bob", "Chloé"].map { _ in try fixture.enrol(.member, order: "arrêté 2026-003") }
        var keyring = ScopeKeyring(device: president)
        _ = try ScopeKeyIssuer.startEpoch(of: .council, reason: .initial, log: &fixture.log, keyring: &keyring, at: fixture.tick())
        let (secretariat, presidentStore) = (peers[0], peers[1])
        var dan: DeviceIdentity?
        for (index, date) in ["2026-02-10", "2026-03-10", "2026-04-10"].enumerated() {
            if index == 1 {
                _ = fixture.at("2026-02-20")
                dan = try fixture.enrol(.member, order: "arrêté 2026-010")
            }
            try presidentStore.convene(seance: "s\(index + 1)", date: Day(iso: date)!, place: "Bobigny")
            try peers.exchange()
            if index == 0 { try secretariat.respond(seance: "s1", member: members[2].member.hex, .excused) }
            for member in [president, members[0], members[1]] {
                try secretariat.markPresent(seance: "s\(index + 1)", member: member.member.hex)
            }
            try secretariat.closeAttendance(seance: "s\(index + 1)")
            try peers.exchange()
        }
        _ = fixture.at("2026-04-15")
        return (fixture, peers, president, members + [dan!], keyring)
    }

    @Test func memberAbsentFromThreeConsecutiveSeancesIsReportedAndDeclaredResignedLosingAccess() throws {
        var (fixture, peers, president, members, keyring) = try Self.council()
        let chloe = members[2].member, dan = members[3].member
        let folded = CouncilRegister(log: fixture.log, profiles: [:], proposals: [:])
        let today = Day(iso: "2026-04-15")!
        let seances = try peers[1].seances()
        let report = AbsenceReport(register: folded.register, seances: seances, on: today)
        #expect(report.findings.map(\.memberID) == [chloe.hex])
        #expect(report.findings.first?.excused == 1)
        #expect(!report.names(dan.hex))  // only two séances held during Dan's mandate
        #expect(Quorum(seance: seances[0], register: folded.register).isReached)

        let epochBefore = fixture.log.state.currentEpoch(of: .council)
        // The secretariat signs the report into the log: without it every verifier refuses the declaration.
        for event in try report.absencesEvents() { try fixture.log.append(event, signedBy: fixture.secretariat.signing, at: fixture.tick()) }
        let outcome = try ResignationDeclaration.declare(chloe, register: folded.register, report: report, on: today,
                                                         log: &fixture.log, presidentKeyring: &keyring, at: fixture.tick())
        #expect(outcome.declaration.signer == president.signing.publicKey)
        #expect(fixture.log.state.currentEpoch(of: .council) == epochBefore.map { $0 + 1 })
        #expect(!fixture.log.state.mayRead(device: members[2].signing.publicKey, scope: .council, at: fixture.clock))
        #expect(!outcome.rotation.sealedKeys.contains { $0.recipient == members[2].signing.publicKey })
        #expect(outcome.rotation.sealedKeys.contains { $0.recipient == members[0].signing.publicKey })
        let after = CouncilRegister(log: fixture.log, profiles: [:], proposals: [:]).register
        #expect(after.members[chloe.hex]?.mandates.last?.earlyEnd?.reason == .declaredResigned)
        #expect(!after.firstCircle(on: today).contains { $0.id == chloe.hex })
    }

    @Test func declarationIsRefusedForAMemberTheReportDoesNotName() throws {
        var (fixture, peers, _, members, keyring) = try Self.council()
        let folded = CouncilRegister(log: fixture.log, profiles: [:], proposals: [:])
        let report = AbsenceReport(register: folded.register, seances: try peers[0].seances(), on: Day(iso: "2026-04-15")!)
        let head = fixture.log.state.headIndex
        #expect(throws: CouncilError(.notReportedForAbsences, .init(fr: "", en: ""))) {
            try ResignationDeclaration.declare(members[0].member, register: folded.register, report: report, on: Day(iso: "2026-04-15")!,
                                               log: &fixture.log, presidentKeyring: &keyring, at: fixture.tick())
        }
        #expect(fixture.log.state.headIndex == head)
    }
}
