import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Wraps the server's child channel: counts connections (in all and per address, refusing those
/// over `RelayQuotas`) and puts a `ConnectionGuard` at the end of each pipeline.
struct GuardedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let connections: ConnectionCounter
    let headTimeout: TimeAmount
    let metrics: ServerMetrics

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard connections.open(address: channel.remoteAddress?.ipAddress) else {
            metrics.connectionRefused("tooMany")
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        let address = channel.remoteAddress?.ipAddress
        channel.closeFuture.whenComplete { [connections] _ in connections.close(address: address) }
        let headTimeout = self.headTimeout, metrics = self.metrics
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(ConnectionGuard(headTimeout: headTimeout, metrics: metrics))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// A connection was refused because the server holds as many as it allows.
struct ConnectionLimitReached: Error {}

/// Open connections, in all and per client (`SourceAddress`: an IPv4 address, an IPv6 /64),
/// bounded by `RelayQuotas`; a trusted proxy's are bounded in all only (it carries many clients').
final class ConnectionCounter: Sendable {
    private struct Counts {
        var total = 0
        var byAddress: [String: Int] = [:]
        /// The most connections open at once since memory was last handed back.
        var peak = 0
        /// True from a release after a burst until the count next reaches zero (released again then).
        var releasedInBurst = false
    }

    private let counts = Mutex(Counts())
    private let totalMax: Int
    private let perAddressMax: Int
    private let proxies: TrustedProxies

    init(totalMax: Int, perAddressMax: Int, proxies: TrustedProxies = .none) {
        precondition(totalMax > 0 && perAddressMax > 0, "a server accepts some connections")
        self.totalMax = totalMax
        self.perAddressMax = perAddressMax
        self.proxies = proxies
    }

    /// Counts a new connection from `address`; false (nothing counted) when a bound is reached.
    func open(address: String?) -> Bool {
        let key = SourceAddress(ipAddress: address).key
        let proxy = proxies.trusts(address)
        return counts.withLock { counts in
            guard counts.total < totalMax, proxy || counts.byAddress[key, default: 0] < perAddressMax else { return false }
            counts.total += 1
            counts.byAddress[key, default: 0] += 1
            counts.peak = max(counts.peak, counts.total)
            return true
        }
    }

    /// Forgets a closed connection from `address`; once a peak of at least
    /// `ServerLimits.memoryReleaseConnectionsMin` connections has fallen to a quarter, and again
    /// when the last of them closes, hands the memory their buffers used back to the system
    /// (`MemoryRelease`).
    func close(address: String?) {
        let key = SourceAddress(ipAddress: address).key
        let release = counts.withLock { counts in
            counts.total -= 1
            let left = counts.byAddress[key, default: 1] - 1
            counts.byAddress[key] = left > 0 ? left : nil
            if counts.peak >= ServerLimits.memoryReleaseConnectionsMin, counts.total <= counts.peak / 4 {
                counts.peak = counts.total
                counts.releasedInBurst = true
                return true
            }
            guard counts.total == 0, counts.releasedInBurst else { return false }
            counts.releasedInBurst = false
            return true
        }
        if release { MemoryRelease.handBack() }
    }

    /// Open connections now.
    var total: Int { counts.withLock { $0.total } }
}
