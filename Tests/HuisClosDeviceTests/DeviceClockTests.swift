import Foundation
import HuisClosDevice
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// Issue 15 item 3: a device whose clock is set back keeps reading what it verified (offline
/// reading never depends on the clock), and a record it cannot take because its own clock is slow
/// is named as such, not as the relay's forgery.
@Suite(.tags(.slow)) struct DeviceClockTests {
    @Test func aDeviceWhoseClockWentBackStillOpensAndReadsAndIsToldItsClockIsSlow() async throws {
        let clock = ManualClock()
        try await TestServer.with("device-clock", configure: { $0.clock = clock.serverClock }) { server in
            let harness = try await CouncilHarness.start(on: server, clock: clock)
            defer { harness.remove() }
            let member = try await harness.enrolMember("karim")
            // An hour later the secretariat appoints someone; the member's device takes the record.
            clock.advance(seconds: 3_600)
            try await harness.secretariat.sign(.appointMember(Appointment(
                member: try MemberID.generate(), role: .member, orderNumber: "2026-late", orderDate: harness.instant,
                mandateEnd: harness.instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            _ = try await member.sync()
            try await member.lock()

            // The device's clock is then set back an hour: behind every record it verified.
            let slow: @Sendable () -> Date = { clock.now().addingTimeInterval(-3_600) }
            let folder = harness.folder.url.appendingPathComponent("karim")
            let reopened = try Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: slow)
            #expect(try reopened.council.seances().isEmpty, "what it verified reads offline whatever the clock")
            #expect(await reopened.membership.certificate(of: reopened.certificate.signingKey) != nil)

            // A newer record is dated ahead of this slow clock: the device says its clock is slow.
            try await harness.secretariat.sign(.appointMember(Appointment(
                member: try MemberID.generate(), role: .member, orderNumber: "2026-later", orderDate: harness.instant,
                mandateEnd: harness.instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            do {
                _ = try await reopened.sync()
                Issue.record("a record dated an hour ahead of this device's clock must not be taken")
            } catch let error as DeviceError {
                #expect(error.code == .clockBehind && error.message.contains("this device's clock is probably slow"), "\(error)")
            }
            try await reopened.lock()
        }
    }
}
