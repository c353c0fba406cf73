import Foundation
import HuisClosDevice
import HuisClosServer
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Issue 15 item 3, relay side: a relay whose clock is slow refuses records dated by a right
/// device clock, and says the relay's clock may be the wrong one instead of blaming the device.
@Suite(.tags(.slow)) struct RelayClockTests {
    @Test func aRelayFifteenMinutesSlowNamesItsOwnClockWhenItRefusesTheCouncilsGenesis() async throws {
        let clock = ManualClock()
        let slow = ServerClock { clock.now().addingTimeInterval(-900) }
        try await TestServer.with("relay-slow", configure: { $0.clock = slow }) { server in
            let folder = try TemporaryFolder("relay-slow-council")
            defer { folder.remove() }
            do {
                _ = try await Device.createCouncil(
                    folder: folder.url.appendingPathComponent("secretariat"), server: server.url, adminToken: TestServer.adminToken,
                    passphrase: CouncilHarness.passphrase, councilName: "Conseil", member: try MemberID.generate(), orderNumber: "2026-1",
                    charterDigest: CouncilHarness.charter, now: clock.now, limits: .interactive)
                Issue.record("a genesis dated 15 minutes ahead of the relay's clock must be refused")
            } catch let error as APIError {
                #expect(error.message.contains("ahead of the relay's clock") && error.message.contains("the relay's clock is wrong"), "\(error.message)")
                #expect(!error.message.contains("check this device's clock"), "\(error.message)")
            }
        }
    }
}
