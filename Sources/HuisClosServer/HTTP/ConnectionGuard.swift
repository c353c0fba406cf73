import Foundation
import HuisClosWire
import NIOCore
import NIOHTTP1

/// The last handler of every connection's HTTP pipeline: answers a request head that does not
/// parse, and closes a connection that sends no complete head in time.
///
/// Why it exists: the WebSocket upgrade pipeline turns off NIO's HTTP error handler (Hummingbird
/// handles errors itself, but only once a request was parsed), so a malformed *first* request
/// got no answer and its socket stayed open; and before the first head no idle timeout runs.
/// Here every parse error — a garbage line, a negative or doubled length, a NUL in the target,
/// an HTTP/2 preface, a head over `ServerLimits.requestHeadBytesMax` — is answered `400
/// malformed` (`431` for an oversized head) with the protocol's JSON error body, and the
/// connection is closed. Once a first head went through, Hummingbird answers later parse errors
/// itself (400 and close); after a WebSocket upgrade the guard leaves the pipeline (frames are
/// not HTTP).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = HTTPServerResponsePart

    private let headTimeout: TimeAmount
    private let metrics: ServerMetrics
    private var timer: Scheduled<Void>?
    private var answered = false
    /// Whether a first request head went through: from then on Hummingbird answers parse errors
    /// itself (in order, after the responses before them), so the guard passes them on.
    private var headSeen = false

    init(headTimeout: TimeAmount, metrics: ServerMetrics) {
        self.headTimeout = headTimeout
        self.metrics = metrics
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let metrics = self.metrics
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: headTimeout) {
            metrics.connectionRefused("headTimeout")
            channel.close(promise: nil)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A first request head went through the decoder: the head timeout has done its job.
        timer?.cancel()
        timer = nil
        headSeen = true
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is HTTPServerUpgradeEvents {
            // A WebSocket now: no HTTP answer may be written on this channel any more.
            context.fireUserInboundEventTriggered(event)
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !headSeen, Self.isParseError(error) else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        timer?.cancel()
        metrics.connectionRefused("malformed")
        let oversized = (error as? HTTPParserError) == .headerOverflow
        let apiError = oversized
            ? APIError(.tooLarge, "the request head is over \(ServerLimits.requestHeadBytesMax) bytes: send fewer or shorter header fields")
            : APIError(.malformed, "the request is not valid HTTP/1.1: see PROTOCOL.md, \"Transport\"")
        let body = apiError.jsonBody()
        var head = HTTPResponseHead(version: .http1_1, status: oversized ? .requestHeaderFieldsTooLarge : .badRequest)
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: ProtocolVersion.headerName, value: String(ProtocolVersion.current))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Whether `error` comes from decoding the request (as opposed to the socket or a handler).
    static func isParseError(_ error: any Error) -> Bool {
        error is HTTPParserError || error is ByteToMessageDecoderError || error is HTTPServerUpgradeErrors
    }
}
