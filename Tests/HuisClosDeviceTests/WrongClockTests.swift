import Foundation
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// Issue 15 item 3: a wrong clock — the relay's or a device's — never stops a sync, an appointment
/// or offline reading; the sync names whose clock is off, by how much, and what to do
/// (Protocol/TRUST.md, "Clocks").
@Suite(.tags(.slow)) struct WrongClockTests {
    static let fifteenMinutes: TimeInterval = 900
    static let twoDays: TimeInterval = 2 * 86_400

    @Test func aRelayFifteenMinutesSlowStopsNoSyncAppointmentOrOfflineReading() async throws {
        let clock = ManualClock()
        let slow = ServerClock { clock.now().addingTimeInterval(-Self.fifteenMinutes) }
        try await TestServer.with("relay-slow", configure: { $0.clock = slow }) { server in
            // The council's genesis, the secretariat's records and a member's appointment and
            // enrolment, from devices whose clocks are right. Records are dated by the relay's
            // clock, 15 minutes back: the orders appointed are an hour old (an order dated after
            // the relay's clock could not be recorded yet).
            let harness = try await CouncilHarness.start(on: server, clock: clock)
            defer { harness.remove() }
            let member = try MemberID.generate()
            // The mandate ends within its order's 3-year term whatever the hour: an order dated an
            // hour back is the day before in the first hour after midnight (CI of e74509e).
            let ordered = harness.instant.adding(seconds: -3_600)
            try await harness.secretariat.sign(.appointMember(Appointment(
                member: member, role: .member, orderNumber: "2026-karim", orderDate: ordered,
                mandateEnd: ordered.adding(seconds: 2 * 365 * 86_400), scopes: [])))
            let karim = try await harness.enrolDevice("karim", of: member)

            clock.advance(seconds: 60)
            try await harness.secretariat.sign(.appointMember(try Self.appointment("2026-late", at: harness.instant.adding(seconds: -3_600))))
            try await harness.secretariat.commit([try CouncilHarness.set("n-1", "texte", "Ordre du jour")], scope: .council)
            _ = try await harness.secretariat.sync()
            let report = try await karim.sync()
            #expect(report.membershipRecords == 1 && report.held.isEmpty, "\(report.held)")
            #expect(try CouncilHarness.text(karim, scope: .council, kind: "working-note", id: "n-1", field: "texte") == "Ordre du jour")
            let notice = try #require(report.clockOffset?.notice, "a relay 15 minutes slow is named in the sync's report")
            #expect(notice.english.contains("the relay's clock is 15 min behind this device's"), "\(notice.english)")
            #expect(notice.french.contains("l'horloge du relais retarde de 15 min sur celle de cet appareil"), "\(notice.french)")

            try await karim.commit([try CouncilHarness.set("n-2", "texte", "Lu")], scope: .council)
            _ = try await karim.sync()
            _ = try await harness.secretariat.sync()
            #expect(try CouncilHarness.text(harness.secretariat, scope: .council, kind: "working-note", id: "n-2", field: "texte") == "Lu")

            try await karim.lock()
            let offline = try Device.unlock(folder: harness.folder.url.appendingPathComponent("karim"),
                                            passphrase: CouncilHarness.passphrase, now: clock.now)
            #expect(try CouncilHarness.text(offline, scope: .council, kind: "working-note", id: "n-1", field: "texte") == "Ordre du jour")
            #expect(try offline.council.seances().isEmpty)
            try await offline.lock()
        }
    }

    @Test func aDeviceFifteenMinutesSlowStopsNoSyncAppointmentOrOfflineReading() async throws {
        let clock = ManualClock()
        let slow: @Sendable () -> Date = { clock.now().addingTimeInterval(-Self.fifteenMinutes) }
        try await TestServer.with("device-slow", configure: { $0.clock = clock.serverClock }) { server in
            let harness = try await CouncilHarness.start(on: server, clock: clock)
            defer { harness.remove() }
            try await harness.enrolMember("karim").lock()
            let karimFolder = harness.folder.url.appendingPathComponent("karim")
            let karim = try Device.unlock(folder: karimFolder, passphrase: CouncilHarness.passphrase, now: slow)

            // Records and a batch signed by the secretariat's right clock, 16 minutes ahead of karim's.
            clock.advance(seconds: 60)
            try await harness.secretariat.sign(.appointMember(try Self.appointment("2026-late", at: harness.instant)))
            try await harness.secretariat.commit([try CouncilHarness.set("n-1", "texte", "Ordre du jour")], scope: .council)
            _ = try await harness.secretariat.sync()
            let report = try await karim.sync()
            #expect(report.membershipRecords == 1 && report.held.isEmpty, "\(report.held)")
            #expect(try CouncilHarness.text(karim, scope: .council, kind: "working-note", id: "n-1", field: "texte") == "Ordre du jour")
            let notice = try #require(report.clockOffset?.notice, "a device 15 minutes slow is told in the sync's report")
            #expect(notice.english.contains("this device's clock is 15 min behind the relay's"), "\(notice.english)")
            #expect(notice.french.contains("l'horloge de cet appareil retarde de 15 min sur celle du relais"), "\(notice.french)")

            // karim writes; the secretariat takes the batch as authorised.
            try await karim.commit([try CouncilHarness.set("n-2", "texte", "Lu")], scope: .council)
            _ = try await karim.sync()
            _ = try await harness.secretariat.sync()
            #expect(try CouncilHarness.text(harness.secretariat, scope: .council, kind: "working-note", id: "n-2", field: "texte") == "Lu")

            // The secretariat's device, 15 minutes slow too, appoints: the relay and karim take it.
            try await harness.secretariat.lock()
            let secretariat = try Device.unlock(folder: harness.folder.url.appendingPathComponent("secretariat"),
                                                passphrase: CouncilHarness.passphrase, now: slow)
            try await secretariat.sign(.appointMember(try Self.appointment("2026-slow", at: harness.instant)))
            #expect(try await karim.sync().membershipRecords == 1)
            try await secretariat.lock()

            try await karim.lock()
            let offline = try Device.unlock(folder: karimFolder, passphrase: CouncilHarness.passphrase, now: slow)
            #expect(try CouncilHarness.text(offline, scope: .council, kind: "working-note", id: "n-1", field: "texte") == "Ordre du jour")
            #expect(try offline.council.seances().isEmpty)
            try await offline.lock()
        }
    }

    @Test func aDeviceTwoDaysSlowIsToldItsOwnClockIsBehindByHowMuchAndStillReadsOffline() async throws {
        let clock = ManualClock()
        let slow: @Sendable () -> Date = { clock.now().addingTimeInterval(-Self.twoDays) }
        try await TestServer.with("device-days-slow", configure: { $0.clock = clock.serverClock }) { server in
            let harness = try await CouncilHarness.start(on: server, clock: clock)
            defer { harness.remove() }
            try await harness.enrolMember("karim").lock()
            let karimFolder = harness.folder.url.appendingPathComponent("karim")
            let karim = try Device.unlock(folder: karimFolder, passphrase: CouncilHarness.passphrase, now: slow)
            try await harness.secretariat.sign(.appointMember(try Self.appointment("2026-late", at: harness.instant)))
            do {
                _ = try await karim.sync()
                Issue.record("a record dated two days ahead of this device's clock is past what it takes on the relay's word")
            } catch let error as DeviceError {
                #expect(error.code == .clockBehind, "\(error)")
                #expect(error.message.contains("this device's clock is 2 days behind the relay's"), "\(error.message)")
                #expect(error.text.french.contains("l'horloge de cet appareil retarde de 2 jours sur celle du relais") == true, "\(error)")
            }
            #expect(try karim.council.seances().isEmpty, "what it verified reads offline whatever the clock")
            try await karim.lock()
        }
    }

    @Test func aRelayTwoDaysSlowIsNamedWhenTheCouncilIsSetUp() async throws {
        let clock = ManualClock()
        let slowRelay = ServerClock { clock.now().addingTimeInterval(-Self.twoDays) }
        try await TestServer.with("relay-days-slow", configure: { $0.clock = slowRelay }) { server in
            let folder = try TemporaryFolder("relay-days-slow-council")
            defer { folder.remove() }
            do {
                _ = try await Device.createCouncil(
                    folder: folder.url.appendingPathComponent("secretariat"), server: server.url, adminToken: TestServer.adminToken,
                    passphrase: CouncilHarness.passphrase, councilName: "Conseil", member: try MemberID.generate(), orderNumber: "2026-1",
                    charterDigest: CouncilHarness.charter, now: clock.now, limits: .interactive)
                Issue.record("a relay two days slow is past what a device follows")
            } catch let error as DeviceError {
                #expect(error.code == .relayClockBehind, "\(error)")
                #expect(error.message.contains("the relay's clock is 2 days behind this device's"), "\(error.message)")
                #expect(error.text.french.contains("l'horloge du relais retarde de 2 jours sur celle de cet appareil") == true, "\(error)")
            }
        }
    }

    static func appointment(_ order: String, at instant: Instant) throws -> Appointment {
        Appointment(member: try MemberID.generate(), role: .member, orderNumber: order, orderDate: instant,
                    mandateEnd: instant.adding(seconds: 3 * 365 * 86_400), scopes: [])
    }
}
