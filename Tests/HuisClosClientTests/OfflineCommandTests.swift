import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosCouncil
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosTrust
import HuisClosWire
import HuisClosTestSupport
import Testing

/// A command run while the relay is unreachable says what it did: what it signed or sealed is kept
/// on this device and leaves at the next sync, so the person does not do it twice. Before, both
/// said only « serveur injoignable … relancez huisclos sync plus tard », as if nothing had happened
/// (a new secretariat's acceptance run).
@Suite(.tags(.slow)) struct OfflineCommandTests {
    /// Runs `body` on a council whose secretariat reaches the relay through `transport`.
    static func withCouncil(_ name: String, _ body: (ClientCouncil, AnswerLosingTransport) async throws -> Void) async throws {
        let clock = ManualClock()
        let transport = AnswerLosingTransport()
        try await TestServer.with(name, configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock, transport: transport)
            defer { council.remove() }
            try await body(council, transport)
        }
    }

    @Test func anAppointmentSignedOfflineSaysItLeavesAtTheNextSyncAndItDoes() async throws {
        try await Self.withCouncil("offline-appoint") { council, transport in
            transport.cutRequests(1_000)
            let session = try await council.secretariat.councilSession()
            await #expect {
                _ = try await session.appoint(nil, name: "Emma Blanc", category: .research, gender: nil, role: .member,
                                              orderNumber: "AR-21", orderDay: nil)
            } throws: { error in
                guard let error = error as? DeviceError else { return false }
                return error.code == .signedNotSent && error.code.exitStatus == .unreachable
                    && error.text.french.hasPrefix("serveur injoignable (") && error.text.french.contains("gardé sur cet appareil")
                    && error.text.english.contains("kept on this device")
            }
            transport.cutRequests(0)
            try await council.secretariat.syncEverything(policy: .everything)
            #expect(await RetriedCommandTests.appointments(by: "AR-21", in: council) == 1)
        }
    }

    @Test func aDossierAddedOfflineIsListedAsWaitingAndRecordedAtTheNextSync() async throws {
        try await Self.withCouncil("offline-dossier") { council, transport in
            let session = council.secretariat
            let file = try council.file("budget.txt", "Budget 2027")
            transport.cutRequests(1_000)
            await #expect {
                _ = try await session.addDossierVersion(file: file, scope: .council, id: nil, title: nil, attachedTo: "")
            } throws: { error in
                guard let error = error as? DossierError else { return false }
                return error.code == .uploadWaiting && error.code.exitStatus == .unreachable
                    && error.text.french.hasPrefix("serveur injoignable (") && error.text.french.contains("ne l'ajoutez pas de nouveau")
            }
            let waiting = try session.dossierListing(in: .council, language: .french)
            #expect(waiting.rows.map { $0[0] } == ["budget"] && waiting.rows[0][1] == "en attente d'envoi", "\(waiting.rows)")
            #expect(try session.dossierVersions(in: .council).isEmpty, "--json lists recorded versions only")

            transport.cutRequests(0)
            try await session.syncEverything(policy: .everything)
            #expect(try session.dossierVersions(in: .council).map(\.dossier) == ["budget"])
            #expect(try session.dossierListing(in: .council, language: .french).rows.map { $0[1] } == ["1"])
        }
    }

    /// The attacker's review: a sync's own record (here a new device's undertaking) cut on its way
    /// was reported as « what this command signed is kept », so a command that syncs before it
    /// signs (a revocation, a resignation declared) said done what it never signed. A sync's cut
    /// stays the transport's error (which `watch` retries), whatever command runs it.
    @Test func aSyncsOwnRecordCutOnItsWayIsNotTakenForTheCommands() async throws {
        let clock = ManualClock()
        try await TestServer.with("offline-undertaking", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let member = try MemberID.generate()
            let now = council.secretariat.instant
            try await council.secretariat.device.sign(.appointMember(Appointment(member: member, role: .member, orderNumber: "AR-1", orderDate: now,
                                                                                 mandateEnd: now.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            let (code, _) = try await council.secretariat.device.enrolmentCode(adminToken: TestServer.adminToken)
            let transport = AnswerLosingTransport()
            let device = try await Device.enrol(folder: council.folder.url.appendingPathComponent("alice"), server: server.url, code: code,
                                                passphrase: ClientCouncil.passphrase, member: member,
                                                trustRoot: await council.secretariat.device.membership.root.publicKey,
                                                charterDigest: ClientCouncil.charter, now: clock.now, limits: .interactive, transport: transport)
            try await council.secretariat.device.sign(.certifyDevice(device.certificate))
            transport.failAppends(1, with: APIError(.unreachable))
            await #expect {
                _ = try await device.sync()
            } throws: { error in
                (error as? APIError)?.code == .unreachable
            }
            _ = try await device.sync()
            #expect(await device.pendingSteps.allSatisfy { if case .undertaking = $0 { false } else { true } }, "the undertaking went at the next sync")
        }
    }
}
