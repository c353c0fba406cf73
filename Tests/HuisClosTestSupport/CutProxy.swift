import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on 127.0.0.1 that forwards to a server and, while armed, cuts the connection
/// once a client has sent `cutAfterBytes` bytes: a network failure in the middle of a transfer.
///
/// It forwards on NIO's event loops, never from Swift tasks: the parallel tests keep the
/// cooperative pool busy for seconds (Argon2id, SQLite), and a proxy waiting for it held a
/// request head past the relay's 10 s deadline (`CutProxyTests`).
public final class CutProxy: Sendable {
    /// The proxy's port.
    public let port: Int
    private let budget: Budget
    private let listener: any Channel
    private let open: OpenChannels

    /// Starts a proxy to `127.0.0.1:targetPort`, cutting after `cutAfterBytes` client bytes.
    public init(targetPort: Int, cutAfterBytes: Int) async throws {
        let budget = Budget(cutAfterBytes)
        let open = OpenChannels()
        let group = MultiThreadedEventLoopGroup.singleton
        listener = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { client in
                // The client's bytes are read only once the server is connected and both ends forward.
                ClientBootstrap(group: client.eventLoop)
                    .channelInitializer { server in
                        server.eventLoop.makeCompletedFuture {
                            try server.pipeline.syncOperations.addHandler(Forward(to: client, budget: nil))
                        }
                    }
                    .connect(host: "127.0.0.1", port: targetPort)
                    .flatMapThrowing { server in
                        open.add(client)
                        open.add(server)
                        try client.pipeline.syncOperations.addHandler(Forward(to: server, budget: budget))
                    }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        port = listener.localAddress?.port ?? 0
        self.budget = budget
        self.open = open
    }

    /// Stops cutting: later connections are forwarded whole.
    public func disarm() { budget.bytes.withLock { $0 = nil } }

    /// Stops the proxy: no new connection, and the open ones closed.
    public func stop() {
        listener.close(promise: nil)
        open.closeAll()
    }

    /// Client bytes left before the cut; nil when disarmed.
    private final class Budget: Sendable {
        let bytes: Mutex<Int?>
        init(_ bytes: Int) { self.bytes = Mutex(bytes) }

        /// Counts `count` bytes sent; true when they reach the cut.
        func spend(_ count: Int) -> Bool {
            bytes.withLock { remaining in
                guard let left = remaining else { return false }
                remaining = left - count
                return left - count <= 0
            }
        }
    }

    /// The channels the proxy opened, closed when it stops.
    private final class OpenChannels: Sendable {
        private let channels = Mutex<[ObjectIdentifier: any Channel]>([:])

        func add(_ channel: any Channel) {
            channels.withLock { $0[ObjectIdentifier(channel)] = channel }
            channel.closeFuture.whenComplete { [self] _ in _ = channels.withLock { $0.removeValue(forKey: ObjectIdentifier(channel)) } }
        }

        func closeAll() {
            for channel in channels.withLock({ Array($0.values) }) { channel.close(promise: nil) }
        }
    }

    /// Writes what one end reads to the other (`partner`); the client's end counts its bytes
    /// against the budget and closes both ends at the cut. An end that closes closes its partner
    /// once everything it sent was written.
    private final class Forward: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        private let partner: any Channel
        private let budget: Budget?

        init(to partner: any Channel, budget: Budget?) {
            self.partner = partner
            self.budget = budget
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let buffer = unwrapInboundIn(data)
            if let budget, budget.spend(buffer.readableBytes) {
                partner.close(promise: nil)
                context.close(promise: nil)
                return
            }
            partner.write(buffer, promise: nil)
        }

        func channelReadComplete(context: ChannelHandlerContext) { partner.flush() }

        func channelInactive(context: ChannelHandlerContext) {
            let partner = partner
            partner.writeAndFlush(ByteBuffer()).whenComplete { _ in partner.close(promise: nil) }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
    }
}
