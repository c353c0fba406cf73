import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
import HuisClosProtocol
import HuisClosL10n
import HuisClosServer
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// A command whose answer was lost (the relay kept its records, the device never heard) is run
/// again, as a person does: it must decide on the register with those records settled, and sign
/// nothing twice. Before, the retry was checked against the register without them, and appointed
/// the same people again under new ids (the second review of the outbound records' fix).
@Suite(.tags(.slow)) struct RetriedCommandTests {
    /// Runs `body` on a council whose secretariat loses the answer to the first membership append
    /// that appoints by `orderNumber`.
    static func withLostAnswer(to orderNumber: String, _ name: String,
                               _ body: (ClientCouncil) async throws -> Void) async throws {
        let clock = ManualClock()
        let transport = AnswerLosingTransport()
        transport.loseAnswer { records in
            records.contains { if case let .appointMember(appointed) = $0.event { appointed.orderNumber == orderNumber } else { false } }
        }
        try await TestServer.with(name, configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock, transport: transport)
            defer { council.remove() }
            try await body(council)
        }
    }

    /// The appointments the secretariat's verified log holds by `orderNumber`.
    static func appointments(by orderNumber: String, in council: ClientCouncil) async -> Int {
        await council.secretariat.device.membershipLog.records.count {
            if case let .appointMember(appointed) = $0.event { appointed.orderNumber == orderNumber } else { false }
        }
    }

    @Test func anImportRunAgainAfterALostAnswerAppointsNobodyTwice() async throws {
        try await Self.withLostAnswer(to: "AR-7", "retry-import") { council in
            let file = try council.file("nominations.csv", "nom;categorie;arrete\nAlice Martin;recherche;AR-7\nBruno Roy;économie;AR-7\n")
            await #expect(throws: (any Error).self) { _ = try await council.secretariat.councilSession().importAppointments(fileAt: file.path, dryRun: false) }

            let again = try await council.secretariat.councilSession().importAppointments(fileAt: file.path, dryRun: false)
            guard case let .failure(failure) = again else { Issue.record("the same file appointed again: \(again)"); return }
            #expect(failure.errors.map(\.line) == [2, 3] && failure.errors[0].text.english.contains("already in office"), "\(failure.errors)")
            #expect(await Self.appointments(by: "AR-7", in: council) == 2)
            let session = try await council.secretariat.councilSession()
            let inOffice = session.register.register.members.values.filter { $0.isInOffice(on: session.today) }.map(\.name)
            #expect(Set(inOffice).isSuperset(of: ["Alice Martin", "Bruno Roy"]), "the names were kept with the appointments")
        }
    }

    @Test func anAppointmentRunAgainAfterALostAnswerIsRefusedAsAlreadyMade() async throws {
        try await Self.withLostAnswer(to: "AR-8", "retry-appoint") { council in
            let appoint = {
                try await council.secretariat.councilSession().appoint(nil, name: "Chloé Dubois", category: .education, gender: nil,
                                                                       role: .member, orderNumber: "AR-8", orderDay: nil)
            }
            await #expect(throws: (any Error).self) { _ = try await appoint() }
            await #expect { _ = try await appoint() } throws: { error in
                (error as? CouncilError)?.code == .alreadyInOffice && (error as? CouncilError)?.text.french.contains("AR-8") == true
            }
            #expect(await Self.appointments(by: "AR-8", in: council) == 1)
        }
    }

    /// The run again cannot settle the first run's record (the relay unreachable for it): it
    /// signs nothing rather than check against a register without that record — the attacker's
    /// review of a settle made only as best effort, after which the signing path, with the relay
    /// back, appointed the person a second time.
    @Test func aRunAgainThatCannotSettleTheFirstRunsRecordSignsNothing() async throws {
        let clock = ManualClock()
        let transport = AnswerLosingTransport()
        transport.loseAnswer { records in
            records.contains { if case let .appointMember(appointed) = $0.event { appointed.orderNumber == "AR-11" } else { false } }
        }
        try await TestServer.with("retry-unsettled", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock, transport: transport)
            defer { council.remove() }
            let appoint = {
                try await council.secretariat.councilSession().appoint(nil, name: "Emma Blanc", category: .research, gender: nil,
                                                                       role: .member, orderNumber: "AR-11", orderDay: nil)
            }
            await #expect(throws: (any Error).self) { _ = try await appoint() }
            transport.cutRequests(1)
            await #expect(throws: (any Error).self) { _ = try await appoint() }
            await #expect(throws: CouncilError.self) { _ = try await appoint() }
            #expect(await Self.appointments(by: "AR-11", in: council) == 1)
        }
    }

    /// Opening a hearing whose answer was lost, run again: the hearing the first run signed is
    /// finished (recorded, its dossier copied, the guest's code made) for the guest it appointed —
    /// no second guest, no second opening.
    @Test func aHearingOpenedAgainAfterALostAnswerFinishesTheFirstOpening() async throws {
        try await Self.withLostAnswer(to: "audition h-1", "retry-hearing") { council in
            let session = council.secretariat
            _ = try await session.addDossierVersion(file: try council.file("budget.txt", "Budget 2027"), scope: .council,
                                                    id: nil, title: nil, attachedTo: "")
            let open = { (hours: Int64) in
                try await session.openHearing("h-1", guestName: "Dr Léa Roux", dossier: "budget", until: session.instant.adding(seconds: hours * 3_600),
                                              order: nil, adminToken: { TestServer.adminToken })
            }
            let signedExpiry = session.instant.adding(seconds: 3_600)
            await #expect(throws: (any Error).self) { _ = try await open(1) }
            // Run again with another expiry: the hearing keeps the one the log grants (the note of the twelfth stop).
            let opened = try await open(2)
            #expect(opened.expiry == ClientSession.iso8601(signedExpiry.unixSeconds), "\(opened.expiry)")
            #expect(try HearingRegister(store: session.device.store).list().map(\.expiry) == [signedExpiry.unixSeconds])
            #expect(await Self.appointments(by: "audition h-1", in: council) == 1)
            let guests = await session.device.membershipLog.records.compactMap { record -> String? in
                if case let .appointMember(appointed) = record.event, appointed.role == .guest { appointed.member.hex } else { nil }
            }
            #expect(guests == [opened.member], "the guest the first run appointed")
            #expect(try HearingRegister(store: session.device.store).list().map(\.id) == ["h-1"])
            #expect(!opened.code.isEmpty)
        }
    }

    /// The attacker's review of the first version: a hearing another secretariat device opened,
    /// whose record this device has not synced, is not this device's to finish — no second code
    /// for someone else's guest, nothing signed.
    @Test func aHearingAnotherDeviceOpenedIsNotFinishedHere() async throws {
        let clock = ManualClock()
        try await TestServer.with("hearing-other-device", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let other = ClientSession(device: try await council.enrol("secretariat-2", role: .secretariat), clock: clock)
            _ = try await council.secretariat.addDossierVersion(file: try council.file("budget.txt", "Budget 2027"), scope: .council,
                                                                id: nil, title: nil, attachedTo: "")
            try await other.syncEverything(policy: .everything)
            _ = try await council.secretariat.openHearing("h-1", guestName: "Dr Léa Roux", dossier: "budget",
                                                          until: council.secretariat.instant.adding(seconds: 3_600), order: nil,
                                                          adminToken: { TestServer.adminToken })
            let key = other.device.certificate.signingKey
            let signed = { await other.device.membershipLog.records.count { $0.signer == key } }
            let before = await signed()
            await #expect(throws: DossierError.self) {
                _ = try await other.openHearing("h-1", guestName: "Bob", dossier: "budget", until: other.instant.adding(seconds: 3_600),
                                                order: nil, adminToken: { TestServer.adminToken })
            }
            #expect(await signed() == before, "nothing signed")
            #expect(try HearingRegister(store: other.device.store).entry("h-1") == nil, "nothing recorded under another name")
        }
    }

    @Test func aRenewalRunAgainAfterALostAnswerIsRefusedAndOpensNoThirdMandate() async throws {
        try await Self.withLostAnswer(to: "AR-10", "retry-renew") { council in
            let (member, _) = try await council.secretariat.councilSession().appoint(
                nil, name: "Denis Petit", category: .economic, gender: nil, role: .member, orderNumber: "AR-9", orderDay: nil)
            council.clock.advance(seconds: 86_400)
            let renew = { try await council.secretariat.councilSession().renew(member, orderNumber: "AR-10", orderDay: nil, early: true) }
            await #expect(throws: (any Error).self) { _ = try await renew() }
            await #expect(throws: CouncilError.self) { _ = try await renew() }
            #expect(await Self.appointments(by: "AR-10", in: council) == 1)
            let mandates = try await council.secretariat.councilSession().register.register.members[member.hex]?.mandates.count
            #expect(mandates == 2)
        }
    }

    /// The attacker's review of the offline errors: the absences report run again after a lost
    /// answer decided on a log without its first run's records, and signed them again.
    @Test func anAbsencesReportRunAgainAfterALostAnswerSignsNoReportTwice() async throws {
        let clock = ManualClock()
        let transport = AnswerLosingTransport()
        transport.loseAnswer { records in records.contains { if case .reportAbsences = $0.event { true } else { false } } }
        try await TestServer.with("retry-absences", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock, transport: transport)
            defer { council.remove() }
            let today = try await council.secretariat.councilSession().today
            let (omar, _) = try await council.secretariat.councilSession().appoint(
                nil, name: "Omar Diallo", category: .research, gender: nil, role: .member, orderNumber: "AR-20", orderDay: today.adding(months: -6))
            for month in 1...3 {
                let session = try await council.secretariat.councilSession()
                _ = try await session.convene("s\(month)", on: today.adding(months: month - 5), from: nil, to: nil, place: "Bobigny", urgent: false)
                _ = try session.closeAttendance(of: "s\(month)", nobodyCame: true)
            }
            let report = { try await council.secretariat.councilSession().absencesReport(signing: true) }
            await #expect(throws: (any Error).self) { _ = try await report() }
            let again = try await report()
            #expect(again.signed == 0, "\(again.signed) report(s) signed again")
            let reports = await council.secretariat.device.membershipLog.records.count {
                if case let .reportAbsences(member, _, _) = $0.event { member == omar } else { false }
            }
            #expect(reports == 1)
        }
    }
}
