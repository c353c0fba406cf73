import AsyncHTTPClient
import Foundation
import HuisClosL10n
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// Issue 19, item 15: a relay whose address refuses connections is reported at once, not after
/// the connection pool has retried for its whole connect timeout (6.7 s measured before), and the
/// cause is named. (Not a timed test: the configuration that makes it immediate is checked.)
@Suite(.tags(.slow)) struct UnreachableServerTests {
    @Test func aRefusedConnectionFailsAtOnceAsUnreachable() async throws {
        // The pool must not retry a refused connection until the connect timeout (5 s).
        #expect(SyncClient.httpConfiguration.connectionPool.retryConnectionEstablishment == false)
        // Port 1 on loopback: privileged and unused, so the kernel refuses the connection.
        let client = SyncClient(server: "http://127.0.0.1:1", device: nil)
        do {
            _ = try await client.createEnrolmentCode(access: DeviceAccess(), adminToken: "token")
            Issue.record("a closed port answered")
        } catch {
            #expect(error.code == .unreachable, "\(error)")
            #expect(error.message.contains("connection refused"), "the cause is named: \(error.message)")
        }
    }
}
