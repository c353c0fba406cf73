import Foundation
import HummingbirdCore
import HuisClosHTTPGuard
import Logging
import NIOCore
import NIOHTTP1

/// Wraps the app's HTTP/1 channel to refuse, before Hummingbird reads them, request heads that no
/// browser sends and that would otherwise pass leniently (attacker review 2, finding 6): several
/// `Host` headers (RFC 9112 asks a 400; the first one would win) and an absolute-form target
/// (`GET http://host/path`) whose authority is not the app's (the target's authority would be
/// dropped and the `Host` header believed). They get the refusal page (400) and the connection closes.
struct StrictHeads<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let address: AppAddress
    /// The answer to a refused head (`AppPages.malformed`).
    let refusal: HTTPRefusal

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = self.address, refusal = self.refusal
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(StrictHeadHandler(address: address, refusal: refusal), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

/// The handler `StrictHeads` puts after the request decoder.
final class StrictHeadHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let address: AppAddress
    private let refusal: HTTPRefusal
    /// Set once a head was refused: what follows on the connection is dropped until it closes.
    private var refused = false

    init(address: AppAddress, refusal: HTTPRefusal) {
        self.address = address
        self.refusal = refusal
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        if case .head(let head) = unwrapInboundIn(data), Self.refuses(head, address: address) {
            refused = true
            context.write(wrapOutboundOut(.head(refusal.head)), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: refusal.body)))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        context.fireChannelRead(data)
    }

    /// True when `head` is one the app refuses: several `Host` headers, or an absolute-form target
    /// naming another authority than the app's.
    static func refuses(_ head: HTTPRequestHead, address: AppAddress) -> Bool {
        if head.headers["Host"].count > 1 { return true }
        guard !head.uri.hasPrefix("/") else { return false }
        guard let target = URLComponents(string: head.uri), let host = target.host else { return true }
        return !address.accepts(authority: host + (target.port.map { ":\($0)" } ?? ""))
    }
}
