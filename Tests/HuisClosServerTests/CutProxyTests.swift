import HuisClosTestSupport
import NIOCore
import NIOPosix
import Synchronization
import Testing

/// The tests' stand-in for a network that cuts (`CutProxy`) forwards on NIO's event loops, like a
/// real proxy: a proxy forwarding from Swift tasks stalled while the parallel tests held every
/// thread of the cooperative pool, long enough for the relay's 10 s head deadline to close the
/// connection — `DossierResumeCommandTests` and `DossierContentTests` then failed with « the
/// connection was closed before the whole answer arrived » (landing CI of 1d8ac7b).
struct CutProxyTests {
    @Test func bytesGoThroughWhileEveryCooperativeThreadIsBusy() async throws {
        let sink = try await ByteSink.start()
        defer { sink.stop() }
        let proxy = try await CutProxy(targetPort: sink.port, cutAfterBytes: 1_000_000)
        defer { proxy.stop() }
        let client = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: proxy.port).get()
        defer { client.close(promise: nil) }
        client.writeAndFlush(ByteBuffer(string: "GET / HTTP/1.1\r\n\r\n"), promise: nil)

        // More tasks than the pool has threads, each busy until the bytes arrive or 5 s passed:
        // nothing that runs on the cooperative pool can forward them meanwhile.
        let deadline = ContinuousClock.now + .seconds(5)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<32 {
                group.addTask { while sink.received < 18 && ContinuousClock.now < deadline {} }
            }
        }
        #expect(sink.received == 18, "the proxy forwarded nothing while the pool was busy")
    }
}

/// A TCP listener on 127.0.0.1 that counts the bytes it receives, on its event loop.
private final class ByteSink: Sendable {
    let port: Int
    private let channel: any Channel
    private let bytes: Counter

    static func start() async throws -> ByteSink {
        let bytes = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture { try child.pipeline.syncOperations.addHandler(Counting(bytes: bytes)) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ByteSink(channel: channel, bytes: bytes)
    }

    private init(channel: any Channel, bytes: Counter) {
        self.channel = channel
        self.bytes = bytes
        port = channel.localAddress?.port ?? 0
    }

    var received: Int { bytes.value.withLock { $0 } }

    func stop() { channel.close(promise: nil) }

    private final class Counter: Sendable {
        let value = Mutex(0)
    }

    private final class Counting: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        let bytes: Counter
        init(bytes: Counter) { self.bytes = bytes }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let count = unwrapInboundIn(data).readableBytes
            bytes.value.withLock { $0 += count }
        }
    }
}
