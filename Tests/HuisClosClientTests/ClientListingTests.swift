import Foundation
import GRDB
import HuisClosClient
import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosStore
import HuisClosTestSupport
import HuisClosTrust
import Synchronization
import Testing

/// A hearing's expiry as a person types it: a day runs to its end on the council's wall clock
/// (Europe/Paris: the secretariat reviewing the help found UTC an hour or two late), an instant is exact.
@Suite struct ClientExpiryTests {
    @Test func aDayGivenAsAnExpiryRunsToTheEndOfThatDayInParis() {
        #expect(ClientSession.expiry(parsing: "2026-12-01") == Instant(unixSeconds: 1_796_166_000))  // 2026-12-01T23:00:00Z, midnight in Paris (CET)
        #expect(ClientSession.expiry(parsing: "2027-07-14") == Instant(unixSeconds: 1_815_602_400))  // 2027-07-14T22:00:00Z, midnight in Paris (CEST)
        #expect(ClientSession.expiry(parsing: "2026-12-01T17:30:00Z") == Instant(unixSeconds: 1_796_146_200))
        #expect(ClientSession.expiry(parsing: "2026-02-30") == nil)
        #expect(ClientSession.expiry(parsing: "demain") == nil)
    }
}

/// What the client layer gives every face beside the workflows, on a real relay: the rules a
/// listing applies (role and state keywords and labels), the identifiers it takes from the
/// session's randomness, and the dossier tables a device opens with.
@Suite(.tags(.slow)) struct ClientListingTests {
    @Test func theRegisterListingGivesEachRoleAndStateAKeywordAndALabel() async throws {
        let clock = ManualClock()
        try await TestServer.with("client-listing", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            _ = try await council.enrol("alice")
            let session = try await council.secretariat.councilSession()
            let listing = session.memberListing(in: .english)
            let roles = listing.objects.map { $0["role"] }, states = listing.objects.map { $0["status"] }
            #expect(roles == [.string("member"), .string("secretariat")])
            #expect(states == [.string("inOffice"), .string("inOffice")])
            #expect(listing.rows.first?[3] == "member" && listing.rows.first?[8] == "in office")
            #expect(session.memberListing(in: .french).rows.first?[8] == "en fonction")
        }
    }

    @Test func aDossierVersionAndANoteTakeTheirIdentifiersFromTheSessionsRandomness() async throws {
        let clock = ManualClock()
        try await TestServer.with("client-randomness", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let counter = Mutex(0)
            let named = ClientSession(device: council.secretariat.device, clock: clock, randomness: Randomness(
                memberID: { try MemberID.generate() },
                identifier: { counter.withLock { $0 += 1; return "00000000-0000-4000-8000-00000000000\($0)" } }))
            _ = try await named.addDossierVersion(file: try council.file("etude.txt", "Étude"), scope: .council, id: nil, title: nil, attachedTo: "")
            let version = try #require(try DossierLibrary(store: named.device.store).dossier("etude")?.latest)
            #expect(version.fileID == "00000000-0000-4000-8000-000000000001")
            let (note, _) = try named.annotate("etude", in: .council, version: nil, at: "p. 1", text: "À vérifier", sharedWith: nil)
            #expect(note == "00000000-0000-4000-8000-000000000002")
        }
    }

    @Test func aDeviceOpensWithItsDossierTablesMigrated() async throws {
        let clock = ManualClock()
        try await TestServer.with("client-schema", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let applied = try await council.secretariat.device.store.database.read { db in
                try DossierSchema.migrator.appliedIdentifiers(db)
            }
            #expect(applied.contains("dossiers v1: cache, pending uploads, index, seen"))
        }
    }
}
