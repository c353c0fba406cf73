import HuisClosHTTPGuard
import HummingbirdCore
public import NIOCore

/// The bounds on the app's connections. One member's browser opens a few at a time; every client
/// is on loopback, so there is no per-address bound, only one in all. Without them any local user
/// could hold thousands of idle sockets until the process ran out of descriptors, then take its
/// port and serve a false unlock page under the app's name (attacker review 2, findings 2 and 7).
public struct AppConnectionLimits: Sendable {
    /// Open connections in all, on both loopback addresses: at the bound, the one idle the longest
    /// is closed for room.
    public var connectionsMax: Int
    /// How long a new connection has to send its first request head.
    public var headTimeout: TimeAmount
    /// How long a connection may stay silent between requests.
    public var idleTimeout: TimeAmount

    public static let connectionsMaxDefault = 64

    public init(connectionsMax: Int = AppConnectionLimits.connectionsMaxDefault, headTimeout: TimeAmount = .seconds(10),
                idleTimeout: TimeAmount = .seconds(60)) {
        self.connectionsMax = connectionsMax
        self.headTimeout = headTimeout
        self.idleTimeout = idleTimeout
    }

    /// HTTP/1.1 behind the connection guard, one count for every server it builds: a request head
    /// that does not parse gets `pages`' refusal page.
    /// `address` refuses the heads a browser never sends (`StrictHeads`).
    func server(pages: AppPages, address: AppAddress) -> HTTPServerBuilder {
        let connections = ConnectionCounter(totalMax: connectionsMax, perKeyMax: connectionsMax, memoryReleaseMin: nil) { _ in nil }
        let policy = ConnectionPolicy(headTimeout: headTimeout, refused: { _ in }) { oversized in pages.malformed(oversized: oversized) }
        let configuration = HTTP1Channel.Configuration(idleTimeout: idleTimeout)
        return HTTPServerBuilder { responder in
            GuardedChannel(inner: StrictHeads(inner: HTTP1Channel(responder: responder, configuration: configuration), address: address,
                                              refusal: pages.malformed(oversized: false)),
                           connections: connections, policy: policy, position: .afterRequestDecoder)
        }
    }
}
