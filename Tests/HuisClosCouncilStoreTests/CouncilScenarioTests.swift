import GRDB
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// One participant's device in the scenario: enrolled on the relay, a council replica, a pull cursor.
final class Participant {
    var device: TestDevice
    let council: CouncilStore
    var cursor: UInt64 = 0

    init(_ device: TestDevice, allowed: Set<SigningPublicKey>) throws {
        self.device = device
        council = CouncilStore(store: try ChangeStore(database: DatabaseQueue(), device: device.key,
                                                      authorizer: KnownDevicesAuthorizer(devices: allowed)))
    }

    /// Pushes the outbox, then pulls the council scope to the head of the relay's log.
    func sync() async throws {
        let outbox = try council.store.outbox()
        if let last = outbox.map(\.sequence).max() {
            let results = try await device.client.push(outbox)
            #expect(results.allSatisfy { $0.status == .accepted || $0.status == .duplicate })
            try council.store.acknowledge(scope: .council, upTo: last)
        }
        while true {
            let page = try await device.client.pull(scope: .council, after: cursor)
            _ = try council.store.apply(batches: page.batches)
            cursor = page.cursor
            if page.caughtUp { break }
        }
    }
}

/// The demo's scenario through the library against a real relay on loopback: the secretariat
/// sets up the council, the president convenes three séances, members answer offline while the
/// relay is down, attendance is closed three times, the absences report names the absent member,
/// the president declares her resigned, and her device is locked out.
///
/// The membership log is kept by the test (the relay in main does not carry it yet); each
/// device's council replica goes through the relay.
@Suite struct CouncilScenarioTests {
    /// Everyone syncs twice: what the last one pushed reaches the first.
    static func syncAll(_ people: [Participant]) async throws {
        for _ in 0..<2 { for person in people { try await person.sync() } }
    }

    @Test func demoScenarioFromAppointmentToLockOut() async throws {
        let folder = try TemporaryFolder("council-scenario")
        defer { folder.remove() }
        var server = try await TestServer.start(folder: folder.url)
        var fixture = try LogFixture()
        let president = try fixture.enrol(.president, order: "arrêté 2026-002")
        let firstCircle = try (0..<3).map { _ in try fixture.enrol(.member, order: "arrêté 2026-003") }
        let second = try fixture.enrol(.secondCircle, order: "arrêté 2026-004")
        var keyring = ScopeKeyring(device: president)
        _ = try ScopeKeyIssuer.startEpoch(of: .council, reason: .initial, log: &fixture.log, keyring: &keyring, at: fixture.tick())

        var relayDevices: [TestDevice] = []
        for _ in 0..<5 { relayDevices.append(try await TestDevice.enrolled(on: server.url)) }
        let allowed = Set(relayDevices.map(\.key.publicKey))
        let people = try relayDevices.map { try Participant($0, allowed: allowed) }
        let (secretariat, chair, alice, bob, chloe) = (people[0], people[1], people[2], people[3], people[4])
        let ids = [president, firstCircle[0], firstCircle[1], firstCircle[2]].map(\.member.hex)
        let (chairID, aliceID, bobID, chloeID) = (ids[0], ids[1], ids[2], ids[3])

        // The secretariat records names and categories; the second-circle member has no council access.
        for (id, name, category, gender) in [(chairID, "Nadia Président", Member.Category.publicPartners, Member.Gender.female),
                                             (aliceID, "Alice Martin", .research, .female), (bobID, "Bruno Petit", .economic, .male),
                                             (chloeID, "Chloé Durand", .education, .female),
                                             (second.member.hex, "Sami Benali", .civilSociety, .male)] {
            try secretariat.council.recordProfile(member: id, name: name, category: category, gender: gender)
        }
        #expect(!fixture.log.state.mayRead(device: second.signing.publicKey, scope: .council, at: fixture.clock))

        // Séance 1: convened with an agenda and a dossier; everyone syncs.
        try chair.council.convene(seance: "s1", date: Day(iso: "2026-02-10")!, place: "Bobigny, hôtel du Département")
        try chair.council.addAgendaItem(seance: "s1", item: "budget", title: "Budget du numérique", dossiers: ["dossier-budget-2026"])
        try chair.council.addAgendaItem(seance: "s1", item: "ecoles", title: "Écoles connectées")
        try await Self.syncAll(people)
        try alice.council.acknowledgeReading(seance: "s1", member: aliceID)
        try bob.council.acknowledgeReceipt(seance: "s1", member: bobID)

        // The relay stops: members still read the agenda and answer offline.
        await server.stop()
        #expect(try alice.council.agenda(of: "s1").map(\.item.title) == ["Budget du numérique", "Écoles connectées"])
        #expect(try bob.council.agenda(of: "s1").first?.item.dossierIDs == ["dossier-budget-2026"])
        try alice.council.respond(seance: "s1", member: aliceID, .willAttend)
        try bob.council.respond(seance: "s1", member: bobID, .willAttend)
        #expect(throws: Seance.proxyRefused) { try chloe.council.respond(seance: "s1", member: chloeID, .excused, proxy: aliceID) }
        try chloe.council.respond(seance: "s1", member: chloeID, .excused)

        server = try await TestServer.start(folder: folder.url, port: server.port)
        try await Self.syncAll(people)
        let acknowledgements = try secretariat.council.acknowledgements(of: "s1")
        #expect(acknowledgements.map(\.member).sorted() == [aliceID, bobID].sorted())
        #expect(acknowledgements.first { $0.member == aliceID }?.readMs != nil)
        #expect(acknowledgements.first { $0.member == bobID }?.readMs == nil)

        // Three séances: Chloé never comes (excused once).
        for (index, date) in ["2026-02-10", "2026-03-10", "2026-04-10"].enumerated() {
            let seance = "s\(index + 1)"
            if index > 0 {
                try chair.council.convene(seance: seance, date: Day(iso: date)!, place: "Bobigny")
                try await Self.syncAll(people)
            }
            for id in [chairID, aliceID, bobID] { try secretariat.council.markPresent(seance: seance, member: id) }
            try secretariat.council.closeAttendance(seance: seance)
            try await Self.syncAll(people)
        }

        _ = fixture.at("2026-04-15")
        let today = Day(iso: "2026-04-15")!
        let folded = CouncilRegister(log: fixture.log, profiles: try secretariat.council.profiles(), proposals: [:])
        let seances = try secretariat.council.seances()
        #expect(seances.map(\.id) == ["s1", "s2", "s3"])
        #expect(seances.allSatisfy { Quorum(seance: $0, register: folded.register).isReached })
        #expect(Quorum(seance: seances[0], register: folded.register).present == 3)
        let report = AbsenceReport(register: folded.register, seances: seances, on: today)
        #expect(report.findings.map(\.name) == ["Chloé Durand"])
        #expect(report.findings.first?.excused == 1)
        #expect(try chloe.council.store.digest() == secretariat.council.store.digest())

        // The secretariat signs the report into the log; the declaration ends the mandate and
        // rotates the council key; the relay revokes the device.
        for event in try report.absencesEvents() { try fixture.log.append(event, signedBy: fixture.secretariat.signing, at: fixture.tick()) }
        let outcome = try ResignationDeclaration.declare(firstCircle[2].member, register: folded.register, report: report, on: today,
                                                         log: &fixture.log, presidentKeyring: &keyring, at: fixture.tick())
        #expect(!outcome.rotation.sealedKeys.contains { $0.recipient == firstCircle[2].signing.publicKey })
        #expect(!fixture.log.state.mayRead(device: firstCircle[2].signing.publicKey, scope: .council, at: fixture.clock))
        #expect(try await server.adminClient().revoke(chloe.device.key.publicKey, adminToken: TestServer.adminToken))
        await #expect(throws: APIError.self) { try await chloe.sync() }
        let after = CouncilRegister(log: fixture.log, profiles: try secretariat.council.profiles(), proposals: [:]).register
        #expect(after.members[chloeID]?.mandates.last?.earlyEnd?.reason == .declaredResigned)
        #expect(after.firstCircle(on: today).map(\.name) == ["Alice Martin", "Bruno Petit", "Nadia Président"])
        await server.stop()
    }
}
