import HuisClosCouncilStore
import HuisClosCrypto
import Synchronization

/// The app's address for this launch: a host name of its own, `h<128-bit hex>.localhost` (Chromium
/// and Firefox resolve every `.localhost` name to loopback without DNS), and the port, known once
/// bound. Browsers keep cookies by host name, not by port: under a name no other server shares,
/// the session cookie never reaches another program listening on 127.0.0.1 or `localhost`.
final class AppAddress: Sendable {
    /// `h<32 hex digits>.localhost`, random for each launch.
    let hostName: String
    private let port = Mutex(0)

    /// A new random name (16 bytes from libsodium).
    init() throws { hostName = "h" + (try Sodium.randomBytes(16)).hex + ".localhost" }

    /// Records the bound port.
    func bound(port value: Int) { port.withLock { $0 = value } }

    /// The address of the home page, `http://h….localhost:PORT`.
    var base: String { "http://\(hostName):\(port.withLock { $0 })" }

    /// True when `authority` (the `Host` header) is exactly this launch's `name:port`: neither
    /// 127.0.0.1 nor `localhost` (their cookies are shared with every port: no fallback to them),
    /// nor any other name (DNS rebinding).
    func accepts(authority: String?) -> Bool {
        let port = port.withLock { $0 }
        guard port != 0, let authority else { return false }
        return authority.lowercased() == "\(hostName):\(port)"
    }
}
