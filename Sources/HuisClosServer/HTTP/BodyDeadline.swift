import HTTPTypes
import HuisClosProtocol
import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body does not arrive in time: a floor plus the body's
/// announced size at a minimum rate (`RelayQuotas.requestBodySecondsMin`,
/// `requestBodyBytesPerSecondMin`), counted from the request's head to its end.
///
/// Why it exists: every byte resets the idle timeout, so a body trickled in a byte a second held
/// its connection, and the request reading or draining it, for ever. A body sent chunked (no
/// `Content-Length`) is given the time of the largest body the server takes. The connection is
/// closed without an answer: one may already be under way.
final class BodyDeadline: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let secondsMin: Int
    private let bytesPerSecondMin: Int
    private let metrics: ServerMetrics
    private var timer: Scheduled<Void>?

    init(secondsMin: Int, bytesPerSecondMin: Int, metrics: ServerMetrics) {
        precondition(secondsMin > 0 && bytesPerSecondMin > 0, "a body has some time")
        self.secondsMin = secondsMin
        self.bytesPerSecondMin = bytesPerSecondMin
        self.metrics = metrics
    }

    /// The time a body announcing `bytes` has (nil: sent chunked).
    func deadline(announcing bytes: Int?) -> TimeAmount {
        // Any larger body is refused 413 (then drained): the clamp bounds the drain too.
        let counted = min(max(bytes ?? WireLimits.pushRequestBytesMax, 0), WireLimits.pushRequestBytesMax)
        return .seconds(Int64(secondsMin)) + .nanoseconds(Int64(counted) * 1_000_000_000 / Int64(bytesPerSecondMin))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            timer?.cancel()
            let metrics = self.metrics
            let channel = context.channel
            timer = context.eventLoop.scheduleTask(in: deadline(announcing: head.headerFields[.contentLength].flatMap { Int($0) })) {
                metrics.connectionRefused("bodyTimeout")
                channel.close(promise: nil)
            }
        case .body:
            break
        case .end:
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }
}
