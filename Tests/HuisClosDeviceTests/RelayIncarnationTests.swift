import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// Issue 15, the relay incarnation: a relay restored from a backup (`huisclos-server restore`)
/// may have lost key drops although it holds the whole membership log again, given back by
/// another device. Nothing but the restore shows the loss; the devices must still make it good.
@Suite(.tags(.slow)) struct RelayIncarnationTests {
    /// The secretariat's drop of a working group's key for Bob is lost by a restore; Carol, who
    /// is not in the group, gives the lost membership record back first, so when the secretariat
    /// syncs the relay holds every record. Bob must still get the group's key and its writes.
    @Test func aKeyDropLostByARestoreIsMadeAgainAfterAnotherDeviceGaveTheRecordsBack() async throws {
        try await RestorableRelay.with("relay-incarnation") { relay in
            let clock = relay.clock
            let council = try await CouncilHarness.start(on: relay.server, clock: clock)
            defer { council.remove() }
            let group = try ScopeID("hearing:finances")  // a scope the secretariat holds (it sits in no working group)
            try await council.secretariat.sign(.addToScope(member: council.secretariat.member, scope: group, access: .readWrite, expiry: nil))
            _ = try await council.secretariat.sync()
            let carol = try await council.enrolMember("carol")
            let member = try MemberID.generate()
            try await council.secretariat.sign(.appointMember(Appointment(
                member: member, role: .member, orderNumber: "2026-bob", orderDate: council.instant,
                mandateEnd: council.instant.adding(seconds: 3 * 365 * 86_400), scopes: [group])))
            let (code, _) = try await council.secretariat.enrolmentCode(adminToken: TestServer.adminToken)
            let bob = try await Device.enrol(folder: council.folder.url.appendingPathComponent("bob"), server: council.serverURL, code: code,
                                             passphrase: CouncilHarness.passphrase, member: member,
                                             trustRoot: await council.secretariat.membership.root.publicKey,
                                             charterDigest: CouncilHarness.charter, now: clock.now, limits: .interactive)
            try await council.secretariat.sign(.certifyDevice(bob.certificate))
            _ = try await carol.sync()
            try relay.backUp()

            // Lost by the restore: Bob's undertaking (a record) and the secretariat's drops of the
            // council's and the group's keys for Bob, which Bob has not pulled yet.
            _ = try await bob.sync()
            _ = try await council.secretariat.sync()
            _ = try await carol.sync()
            try await relay.restore()

            #expect(try await carol.sync().membershipRecordsRestored > 0, "Carol gives the lost records back")
            _ = try await council.secretariat.commit([try CouncilHarness.set("budget", "contenu", "note du groupe")], scope: group)
            let noticed = try await council.secretariat.sync()
            #expect(noticed.relayRestored && noticed.relayRestoredNotice?.french.contains("restauré depuis une sauvegarde") == true)
            _ = try await bob.sync()
            _ = try await council.secretariat.sync()
            let report = try await bob.sync()
            #expect(!report.waitingForKey.contains(group), "Bob still waits for the group's key: the drop the restore lost was never made again")
            #expect(try CouncilHarness.text(bob, scope: group, kind: "working-note", id: "budget", field: "contenu") == "note du groupe")
        }
    }

    /// The attacker's review: a relay may announce a new incarnation at every answer, and each
    /// costs every device a full push and pull. Seven restores in a day: the first six are
    /// repaired, the seventh waits (the report says to tell the secretariat) until a day has passed.
    @Test func aRelayRestoredMoreThanSixTimesInADayIsRepairedOnlyADayLater() async throws {
        try await RestorableRelay.with("relay-incarnation-bound") { relay in
            let clock = relay.clock
            let council = try await CouncilHarness.start(on: relay.server, clock: clock)
            defer { council.remove() }
            let carol = try await council.enrolMember("carol")
            _ = try await carol.sync()
            try relay.backUp()
            var reports: [DeviceSyncReport] = []
            for _ in 1...7 {
                try await relay.restore()
                clock.advance(seconds: 600)
                reports.append(try await carol.sync())
            }
            #expect(reports.prefix(6).allSatisfy { $0.relayRestored && !$0.batches.repairs.isEmpty }, "the first six restores are repaired")
            #expect(!reports[6].relayRestored && reports[6].batches.repairs.isEmpty && reports[6].relayRepairDeferred)
            #expect(reports[6].relayRestoredNotice?.french.contains("Prévenez le secrétariat") == true)
            let later = try await carol.sync()
            #expect(later.relayRepairDeferred && later.batches.repairs.isEmpty, "still within the day: the repair still waits")
            clock.advance(seconds: 86_400)
            let nextDay = try await carol.sync()
            #expect(nextDay.relayRestored && !nextDay.batches.repairs.isEmpty && !nextDay.relayRepairDeferred, "a day later the repair is made")
        }
    }
}
