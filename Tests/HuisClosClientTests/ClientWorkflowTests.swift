import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
import HuisClosProtocol
import HuisClosServer
import HuisClosStore
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// The client layer's workflows called directly, as a face calls them, with time driven by a
/// manual clock (a hearing's expiry is passed by moving the clock, never by waiting).
@Suite(.tags(.slow)) struct ClientWorkflowTests {
    @Test func syncingEverythingClosesAHearingOnceTheSessionClockPassesItsExpiry() async throws {
        let clock = ManualClock()
        try await TestServer.with("client-hearing", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let session = council.secretariat
            let added = try await session.addDossierVersion(file: try council.file("budget.txt", "Budget 2027"), scope: .council,
                                                            id: nil, title: nil, attachedTo: "")
            #expect(added.dossier == "budget" && added.version == 1 && added.mediaType == "text/plain")
            let opened = try await session.openHearing("h-1", guestName: "Dr Léa Roux", dossier: "budget",
                                                       until: session.instant.adding(seconds: 3_600), order: nil,
                                                       adminToken: { TestServer.adminToken })
            #expect(opened.scope == "hearing:h-1")
            let guestDevice = try await council.enrolDevice("invitee", of: try MemberID(bytes: try #require(Hex.decode(opened.member))))
            let guest = ClientSession(device: guestDevice, clock: clock)
            try await guest.syncEverything(policy: .everything)  // brings the hearing's dossier, indexed for search
            #expect(try guest.dossierVersions(in: try ScopeID(opened.scope)).map(\.dossier) == ["budget"])
            #expect(try await guest.searchDossiers("Budget").map(\.scope) == [opened.scope], "the guest reads the one dossier")

            let before = Outcomes()
            try await session.syncEverything(policy: .everything, onSync: before.append)
            #expect(before.hearingsClosed.isEmpty, "not expired yet")
            clock.advance(seconds: 3_601)
            // At expiry the log stops opening the scope to the guest, before anyone closes the hearing.
            #expect(try await guest.searchDossiers("Budget").isEmpty, "the guest still reads after expiry")
            let after = Outcomes()
            try await session.syncEverything(policy: .everything, onSync: after.append)
            #expect(after.hearingsClosed == ["h-1"])
            #expect(try session.hearings().first { $0.id == "h-1" }?.closed == session.today)
            await #expect(throws: DeviceError(.wiped, DeviceError.Code.wiped.text)) { try await guest.syncEverything(policy: .everything) }
        }
    }

    @Test func theWatchClosesAnExpiredHearingAtTheNextPoke() async throws {
        let clock = ManualClock()
        try await TestServer.with("client-watch-hearing", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let session = council.secretariat
            let alice = try await council.enrol("alice")
            _ = try await session.addDossierVersion(file: try council.file("budget.txt", "Budget"), scope: .council,
                                                    id: "budget", title: nil, attachedTo: "")
            _ = try await session.openHearing("h-w", guestName: "Dr Roux", dossier: "budget", until: session.instant.adding(seconds: 60),
                                              order: nil, adminToken: { TestServer.adminToken })
            let (outcomes, continuation) = AsyncStream.makeStream(of: SyncOutcome.self)
            let watching = Task {
                try await session.syncEverything(policy: .everything, watch: true, onSync: { continuation.yield($0) })
            }
            defer { watching.cancel() }
            var iterator = outcomes.makeAsyncIterator()
            let first = try #require(await iterator.next())
            #expect(first.hearingsClosed.isEmpty)

            clock.advance(seconds: 61)
            // A council write from another device pokes the watcher, which syncs.
            try await alice.commit([.set(try RecordKey(kind: "working-note", id: "n-1"), field: "text", value: .text("Note"))], scope: .council)
            _ = try await alice.sync()
            let poked = try #require(await iterator.next(), "the watcher synced at the poke")
            #expect(poked.hearingsClosed == ["h-w"])
            try await alice.lock()
        }
    }

    @Test func aPostdatedAppointmentIsRefusedByTheSessionClockAndNothingIsSigned() async throws {
        let clock = ManualClock()
        try await TestServer.with("client-appoint", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let register = try await council.secretariat.councilSession()
            let records = await council.secretariat.device.membershipLog.records.count
            let tomorrow = try #require(Day(unixSeconds: register.today.unixSeconds + 86_400))
            await #expect(throws: CouncilError.self) {
                _ = try await register.appoint(nil, name: "Alice Martin", category: .research, gender: .female, role: .member,
                                               orderNumber: "2026-0142", orderDay: tomorrow)
            }
            #expect(await council.secretariat.device.membershipLog.records.count == records, "nothing signed")
            clock.advance(seconds: 86_400)
            let nextDay = try await council.secretariat.councilSession()
            let (id, term) = try await nextDay.appoint(nil, name: "Alice Martin", category: .research, gender: .female, role: .member,
                                               orderNumber: "2026-0142", orderDay: tomorrow)
            let after = try await council.secretariat.councilSession()
            #expect(after.register.register.members[id.hex]?.mandates.last?.end == CouncilRules.mandateEnd(from: tomorrow) && term == CouncilRules.mandateEnd(from: tomorrow))
        }
    }
}
