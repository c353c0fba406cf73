import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on 127.0.0.1 that forwards to a server and, while armed, cuts the connection
/// once a client has sent `cutAfterBytes` bytes: a network failure in the middle of a transfer.
public final class CutProxy: Sendable {
    /// The proxy's port.
    public let port: Int
    private let budget: Budget
    private let task: Task<Void, any Error>

    /// Starts a proxy to `127.0.0.1:targetPort`, cutting after `cutAfterBytes` client bytes.
    public init(targetPort: Int, cutAfterBytes: Int) async throws {
        let budget = Budget(cutAfterBytes)
        let listener = try await LoopbackListener.bind()
        port = listener.channel.localAddress?.port ?? 0
        self.budget = budget
        task = Task {
            try await listener.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in inbound {
                        group.addTask { try? await Self.relay(connection, to: targetPort, budget: budget) }
                    }
                }
            }
        }
    }

    /// Stops cutting: later connections are forwarded whole.
    public func disarm() { budget.bytes.withLock { $0 = nil } }

    /// Stops the proxy.
    public func stop() { task.cancel() }

    private struct Cut: Error {}

    /// Client bytes left before the cut; nil when disarmed.
    private final class Budget: Sendable {
        let bytes: Mutex<Int?>
        init(_ bytes: Int) { self.bytes = Mutex(bytes) }
    }

    private static func relay(_ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>, to port: Int, budget: Budget) async throws {
        let upstream = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await client.executeThenClose { clientIn, clientOut in
            try await upstream.executeThenClose { serverIn, serverOut in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await buffer in clientIn {
                            let cut = budget.bytes.withLock { remaining -> Bool in
                                guard let left = remaining else { return false }
                                remaining = left - buffer.readableBytes
                                return left - buffer.readableBytes <= 0
                            }
                            if cut { throw Cut() }
                            try await serverOut.write(buffer)
                        }
                    }
                    group.addTask {
                        for try await buffer in serverIn { try await clientOut.write(buffer) }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
        }
    }
}
