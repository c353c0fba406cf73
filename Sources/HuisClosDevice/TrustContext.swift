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
    /// The relay's clock minus the device's, in milliseconds, as last measured (nil before).
    private let relayAhead = Mutex<Int64?>(nil)

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

    /// The device's and the relay's clocks as read now.
    var clock: CouncilClock { CouncilClock(deviceMs: Int64(now().timeIntervalSince1970 * 1000), relayAheadMs: relayAheadMs) }

    /// The relay's clock minus the device's, in milliseconds, as last measured.
    var relayAheadMs: Int64? { relayAhead.withLock { $0 } }

    /// Keeps the relay's clock as read now (`relayMs`, from the relay's last answer).
    func measure(relayMs: Int64) {
        let deviceMs = Int64(now().timeIntervalSince1970 * 1000)
        relayAhead.withLock { $0 = relayMs - deviceMs }
    }

    /// The instant what arrives is judged at: the later of the device's and the relay's clocks
    /// (`CouncilClock.judging`), so a slow device clock never refuses what right clocks signed.
    var instant: Instant { clock.judging }

    /// The date of this device's next membership record (`CouncilClock.signing(after:)`).
    var signingInstant: Instant { clock.signing(after: membership.headTime) }

    /// The instant the verified state is read at: the later of the judging instant and the log's
    /// newest record. The log dates every record at least at its predecessor's time and takes
    /// records dated a little ahead of this clock, so on a clock a little slow, what the newest
    /// records granted (an undertaking, a certification, a key) would not hold yet here: the
    /// device signed its undertaking again (refused), and took a member just certified for one who
    /// left (a key rotation, then writes refused for want of the new key).
    var readingInstant: Instant { max(instant, membership.headTime) }

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
