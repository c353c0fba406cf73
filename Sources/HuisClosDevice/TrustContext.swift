import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Synchronization

/// The verified membership state and the scope keyring of an unlocked device, shared by the
/// device, its body codec and its authorizer (which the change store calls from any thread).
///
/// Only the device replaces them, after verifying a new log or accepting new keys; readers see one
/// consistent pair.
final class TrustContext: Sendable {
    private let value: Mutex<(log: MembershipLog, keyring: ScopeKeyring)>
    /// The device's clock (injected by tests).
    let now: @Sendable () -> Date

    init(log: MembershipLog, keyring: ScopeKeyring, now: @escaping @Sendable () -> Date) {
        value = Mutex((log, keyring))
        self.now = now
    }

    /// The verified log.
    var log: MembershipLog { value.withLock { $0.log } }
    /// The verified state.
    var membership: MembershipState { value.withLock { $0.log.state } }
    /// The keyring.
    var keyring: ScopeKeyring { value.withLock { $0.keyring } }

    /// The current instant, in the log's unit.
    var instant: Instant { Instant(unixSeconds: Int64(now().timeIntervalSince1970)) }

    /// Runs `body` on the pair; its changes are kept only if it returns.
    func update<T: Sendable>(_ body: (inout MembershipLog, inout ScopeKeyring) throws -> T) throws -> T {
        try value.withLock { pair in
            var log = pair.log
            var keyring = pair.keyring
            let result = try body(&log, &keyring)
            pair = (log, keyring)
            return result
        }
    }
}
