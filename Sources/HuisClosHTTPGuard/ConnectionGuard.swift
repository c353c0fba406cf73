public import NIOCore
public import NIOHTTP1

/// A handler between the request decoder and what consumes the requests, in every connection's
/// HTTP pipeline (`GuardedChannel`): answers a request head that does not parse, and closes a
/// connection that sends no complete head in time.
///
/// Why it exists: the WebSocket upgrade pipeline turns off NIO's HTTP error handler (Hummingbird
/// handles errors itself, but only once a request was parsed), so a malformed *first* request
/// got no answer and its socket stayed open (the app's plain HTTP/1 one answered a bare 400); and
/// before the first head no idle timeout runs.
/// Here every parse error — a garbage line, a negative or doubled length, a NUL in the target,
/// an HTTP/2 preface, a head over the decoder's bounds — is answered with the policy's refusal
/// (the relay's `400 malformed` or `431` JSON error, the app's page), and the connection is
/// closed. Once a first head went through, Hummingbird answers later parse errors itself (400
/// and close); after a WebSocket upgrade the guard leaves the pipeline (frames are not HTTP).
/// A refused watch upgrade, which the WebSocket library answers with a bare 400 of its
/// own, gets the refusal the router made instead (`refuseUpgrade`).
public final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = NIOAny
    /// Only unwrapped while a refusal is pending (the library's HTTP answer); anything else,
    /// WebSocket frames included, passes untouched.
    public typealias OutboundIn = HTTPServerResponsePart
    public typealias OutboundOut = HTTPServerResponsePart

    private let policy: ConnectionPolicy
    /// Tells the connection counter when a request is in progress (never closed for room) or done.
    private let activity: ConnectionActivity
    private var timer: Scheduled<Void>?
    private var answered = false
    /// Whether a first request head went through: from then on Hummingbird answers parse errors
    /// itself (in order, after the responses before them), so the guard passes them on.
    private var headSeen = false
    /// The refusal of this connection's upgrade, sent in place of the library's next answer.
    private var upgradeRefusal: HTTPRefusal?

    init(policy: ConnectionPolicy, activity: ConnectionActivity) {
        self.policy = policy
        self.activity = activity
    }

    public func handlerAdded(context: ChannelHandlerContext) {
        let refused = policy.refused
        let channel = context.channel
        timer = context.eventLoop.scheduleTask(in: policy.headTimeout) {
            refused("headTimeout")
            channel.close(promise: nil)
        }
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A first request head went through the decoder: the head timeout has done its job.
        timer?.cancel()
        timer = nil
        headSeen = true
        activity.busy()
        context.fireChannelRead(data)
    }

    /// Sends `refusal` instead of the answer the WebSocket library writes for a refused upgrade
    /// (called on the event loop, before that answer; see the relay's `WatchRequestContext`).
    public func refuseUpgrade(_ refusal: HTTPRefusal) {
        upgradeRefusal = refusal
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if case .end = part { activity.idle() }
        guard let refusal = upgradeRefusal else { return context.write(data, promise: promise) }
        switch part {
        case .head:
            writeAnswer(refusal, context: context, promise: promise)
        case .body:
            promise?.succeed(())
        case .end:
            upgradeRefusal = nil
            context.write(data, promise: promise)
        }
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
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

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !headSeen, Self.isParseError(error) else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        timer?.cancel()
        policy.refused("malformed")
        writeAnswer(policy.malformed((error as? HTTPParserError) == .headerOverflow), context: context, promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    /// Writes the head and body of an answer that closes the connection (not its end).
    private func writeAnswer(_ refusal: HTTPRefusal, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        context.write(wrapOutboundOut(.head(refusal.head)), promise: promise)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: refusal.body)))), promise: nil)
    }

    /// Whether `error` comes from decoding the request (as opposed to the socket or a handler).
    static func isParseError(_ error: any Error) -> Bool {
        error is HTTPParserError || error is ByteToMessageDecoderError || error is HTTPServerUpgradeErrors
    }
}
