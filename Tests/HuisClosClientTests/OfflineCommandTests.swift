import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosTrust
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
}
