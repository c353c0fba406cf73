public import HummingbirdCore
public import Logging
public import NIOCore
import NIOHTTP1

/// Wraps a server's child channel: counts connections (`ConnectionCounter`: refusing those over its
/// bounds; at the bound in all, closing the connection idle the longest to make room) and puts a
/// `ConnectionGuard` in each pipeline.
public struct GuardedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    public typealias Value = Inner.Value

    /// Where the guard goes in a pipeline: it must see the decoded request parts (NIOHTTP1's)
    /// before whatever consumes them.
    public enum Position: Sendable {
        /// At the end: for pipelines that add their consumer later (the WebSocket upgrade's, once
        /// the first head decided).
        case last
        /// Right after the request decoder: for pipelines whose consumer is already there
        /// (`HTTP1Channel` wraps the channel at once).
        case afterRequestDecoder
    }

    let inner: Inner
    let connections: ConnectionCounter
    let policy: ConnectionPolicy
    let position: Position

    public init(inner: Inner, connections: ConnectionCounter, policy: ConnectionPolicy, position: Position) {
        self.inner = inner
        self.connections = connections
        self.policy = policy
        self.position = position
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress
        guard let (id, evict) = connections.open(address: address, close: { channel.close(promise: nil) }) else {
            policy.refused("tooMany")
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        if let evict {
            policy.refused("idleEvicted")
            evict()
        }
        channel.closeFuture.whenComplete { [connections] _ in connections.close(id) }
        let policy = self.policy, connections = self.connections, position = self.position
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let guarding = ConnectionGuard(policy: policy, activity: ConnectionActivity(counter: connections, id: id))
            switch position {
            case .last:
                try channel.pipeline.syncOperations.addHandler(guarding)
            case .afterRequestDecoder:
                let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
                try channel.pipeline.syncOperations.addHandler(guarding, position: .after(decoder))
            }
            return value
        }
    }

    public func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// A connection was refused because the server holds as many as it allows.
public struct ConnectionLimitReached: Error {}
