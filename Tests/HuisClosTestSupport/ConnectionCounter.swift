import NIOCore
import NIOPosix
import Synchronization

/// A TCP listener on 127.0.0.1 that counts the connections it receives and closes each at once:
/// proof that a program under test did (or did not) reach the network. It counts on NIO's event
/// loop, so a busy cooperative pool never delays the count (see `CutProxy`).
public final class ConnectionCounter: Sendable {
    /// The listener's port.
    public let port: Int
    private let counted: Counted
    private let listener: any Channel

    /// Starts listening on a free loopback port.
    public init() async throws {
        let counted = Counted()
        listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { connection in
                counted.value.withLock { $0 += 1 }
                return connection.eventLoop.makeCompletedFuture { try connection.pipeline.syncOperations.addHandler(CloseAtOnce()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = listener.localAddress?.port ?? 0
        self.counted = counted
    }

    /// The connections received so far.
    public var connections: Int { counted.value.withLock { $0 } }

    /// Stops listening.
    public func stop() { listener.close(promise: nil) }

    private final class Counted: Sendable {
        let value = Mutex(0)
    }

    private final class CloseAtOnce: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        func channelActive(context: ChannelHandlerContext) { context.close(promise: nil) }
    }
}
