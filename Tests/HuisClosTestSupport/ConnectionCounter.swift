import NIOCore
import Synchronization

/// A TCP listener on 127.0.0.1 that counts the connections it receives and closes each at once:
/// proof that a program under test did (or did not) reach the network.
public final class ConnectionCounter: Sendable {
    /// The listener's port.
    public let port: Int
    private let counted: Counted
    private let task: Task<Void, any Error>

    /// Starts listening on a free loopback port.
    public init() async throws {
        let counted = Counted()
        let listener = try await LoopbackListener.bind()
        port = listener.channel.localAddress?.port ?? 0
        self.counted = counted
        task = Task {
            try await listener.executeThenClose { inbound in
                for try await connection in inbound {
                    counted.value.withLock { $0 += 1 }
                    try? await connection.channel.close()
                }
            }
        }
    }

    /// The connections received so far.
    public var connections: Int { counted.value.withLock { $0 } }

    /// Stops listening.
    public func stop() { task.cancel() }

    private final class Counted: Sendable {
        let value = Mutex(0)
    }
}
