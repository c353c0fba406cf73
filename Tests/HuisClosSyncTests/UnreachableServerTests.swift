import Foundation
import HuisClosSync
import HuisClosWire
import Testing

/// Issue 19, item 15: a relay whose address refuses connections is reported at once, not after
/// the connection pool has retried for its whole connect timeout (6.7 s measured before).
@Suite struct UnreachableServerTests {
    @Test func aRefusedConnectionFailsAtOnceAsUnreachable() async throws {
        // Port 1 on loopback: privileged and unused, so the kernel refuses the connection.
        let client = SyncClient(server: "http://127.0.0.1:1", device: nil)
        let started = ContinuousClock.now
        do {
            _ = try await client.createEnrolmentCode(access: ScopeAccess(), adminToken: "token")
            Issue.record("a closed port answered")
        } catch {
            #expect(error.code == .unreachable, "\(error)")
            #expect(error.message.contains("refused"), "the cause is named: \(error.message)")
        }
        let elapsed = ContinuousClock.now - started
        // The connect timeout is 5 s; a refusal is known in milliseconds. 2 s leaves a loaded machine room.
        #expect(elapsed < .seconds(2), "a refused connection took \(elapsed)")
    }
}
