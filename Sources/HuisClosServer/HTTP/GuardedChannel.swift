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
/// bounded by `RelayQuotas`.
final class ConnectionCounter: Sendable {
    private struct Counts {
        var total = 0
        var byAddress: [String: Int] = [:]
    }

    private let counts = Mutex(Counts())
    private let totalMax: Int
    private let perAddressMax: Int

    init(totalMax: Int, perAddressMax: Int) {
        precondition(totalMax > 0 && perAddressMax > 0, "a server accepts some connections")
        self.totalMax = totalMax
        self.perAddressMax = perAddressMax
    }

    /// Counts a new connection from `address`; false (nothing counted) when a bound is reached.
    func open(address: String?) -> Bool {
        let key = SourceAddress(ipAddress: address).key
        return counts.withLock { counts in
            guard counts.total < totalMax, counts.byAddress[key, default: 0] < perAddressMax else { return false }
            counts.total += 1
            counts.byAddress[key, default: 0] += 1
            return true
        }
    }

    /// Forgets a closed connection from `address`.
    func close(address: String?) {
        let key = SourceAddress(ipAddress: address).key
        counts.withLock { counts in
            counts.total -= 1
            let left = counts.byAddress[key, default: 1] - 1
            counts.byAddress[key] = left > 0 ? left : nil
        }
    }

    /// Open connections now.
    var total: Int { counts.withLock { $0.total } }
}
