import HummingbirdCore
import Logging
import NIOCore

/// Wraps the server's child channel: counts connections (in all and per address, refusing those
/// over `RelayQuotas`; at the bound in all, closing the connection idle the longest to make room)
/// and puts a `ConnectionGuard` at the end of each pipeline.
struct GuardedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let connections: ConnectionCounter
    let headTimeout: TimeAmount
    let metrics: ServerMetrics

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress
        guard let (id, evict) = connections.open(address: address, close: { channel.close(promise: nil) }) else {
            metrics.connectionRefused("tooMany")
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        if let evict {
            metrics.connectionRefused("idleEvicted")
            evict()
        }
        channel.closeFuture.whenComplete { [connections] _ in connections.close(id) }
        let headTimeout = self.headTimeout, metrics = self.metrics, connections = self.connections
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(
                ConnectionGuard(headTimeout: headTimeout, metrics: metrics, activity: ConnectionActivity(counter: connections, id: id)))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// A connection was refused because the server holds as many as it allows.
struct ConnectionLimitReached: Error {}
