import NIOCore
import NIOPosix

/// A TCP listener on a free 127.0.0.1 port whose connections arrive as async channels of bytes:
/// what the test stand-ins for the network (`CutProxy`, `ConnectionCounter`) listen with.
enum LoopbackListener {
    static func bind() async throws -> NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never> {
        try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}
