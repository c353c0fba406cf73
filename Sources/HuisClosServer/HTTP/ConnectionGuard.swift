import Foundation
import HuisClosL10n
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
/// not HTTP). A refused watch upgrade, which the WebSocket library answers with a bare 400 of its
/// own, gets the refusal the router made instead (`refuseUpgrade`).
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    /// Only unwrapped while a refusal is pending (the library's HTTP answer); anything else,
    /// WebSocket frames included, passes untouched.
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let headTimeout: TimeAmount
    private let metrics: ServerMetrics
    /// Tells the connection counter when a request is in progress (never closed for room) or done.
    private let activity: ConnectionActivity
    private var timer: Scheduled<Void>?
    private var answered = false
    /// Whether a first request head went through: from then on Hummingbird answers parse errors
    /// itself (in order, after the responses before them), so the guard passes them on.
    private var headSeen = false
    /// The refusal of this connection's upgrade, sent in place of the library's next answer.
    private var upgradeRefusal: APIError?

    init(headTimeout: TimeAmount, metrics: ServerMetrics, activity: ConnectionActivity) {
        self.headTimeout = headTimeout
        self.metrics = metrics
        self.activity = activity
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
        activity.busy()
        context.fireChannelRead(data)
    }

    /// Sends `error` instead of the answer the WebSocket library writes for a refused upgrade
    /// (called on the event loop, before that answer; see `WatchRequestContext`).
    func refuseUpgrade(_ error: APIError) {
        upgradeRefusal = error
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if case .end = part { activity.idle() }
        guard let refusal = upgradeRefusal else { return context.write(data, promise: promise) }
        switch part {
        case .head:
            writeAnswer(refusal, status: HTTPResponseStatus(statusCode: refusal.httpStatus), context: context, promise: promise)
        case .body:
            promise?.succeed(())
        case .end:
            upgradeRefusal = nil
            context.write(data, promise: promise)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is HTTPServerUpgradeEvents {
            // A WebSocket now: no HTTP answer may be written on this channel any more, and a
            // watch socket is never closed to make room for another connection.
            activity.busy()
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
            ? APIError(.tooLarge, Text(fr: "l'en-tête de la requête dépasse \(ServerLimits.requestHeadBytesMax) octets : envoyez des champs d'en-tête moins nombreux ou plus courts",
                                       en: "the request head is over \(ServerLimits.requestHeadBytesMax) bytes: send fewer or shorter header fields"))
            : APIError(.malformed, Text(fr: "la requête n'est pas du HTTP/1.1 valide : voyez PROTOCOL.md, « Transport »",
                                        en: "the request is not valid HTTP/1.1: see PROTOCOL.md, \"Transport\""))
        writeAnswer(apiError, status: oversized ? .requestHeaderFieldsTooLarge : .badRequest, context: context, promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Writes the head and JSON body of an error answer that closes the connection (not its end).
    private func writeAnswer(_ error: APIError, status: HTTPResponseStatus, context: ChannelHandlerContext,
                             promise: EventLoopPromise<Void>?) {
        let body = error.jsonBody()
        var head = HTTPResponseHead(version: .http1_1, status: status)
        head.headers.add(name: "Content-Type", value: "application/json")
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        head.headers.add(name: ProtocolVersion.headerName, value: String(ProtocolVersion.current))
        context.write(wrapOutboundOut(.head(head)), promise: promise)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
    }

    /// Whether `error` comes from decoding the request (as opposed to the socket or a handler).
    static func isParseError(_ error: any Error) -> Bool {
        error is HTTPParserError || error is ByteToMessageDecoderError || error is HTTPServerUpgradeErrors
    }
}
