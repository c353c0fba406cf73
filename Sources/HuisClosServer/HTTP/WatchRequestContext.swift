import Hummingbird
import HummingbirdWebSocket
import HuisClosHTTPGuard
import HuisClosWire
import NIOCore

/// The request context of the watch socket's upgrade router: Hummingbird's, plus the connection
/// the upgrade was asked on, so that a refusal reaches that connection's `ConnectionGuard`.
///
/// Why it exists: hummingbird-websocket (2.8.1) answers every refused upgrade with a fixed, empty
/// `400` of its own, whatever the router answered; the guard replaces that answer with the
/// refusal the router made (`401 deviceRevoked` with its wipe order, `426`, `403`…).
struct WatchRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    /// The connection the upgrade was asked on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }

    /// Hands `error` to the connection's guard, which sends it in place of the library's answer;
    /// returns once the guard holds it (before the library writes its answer).
    func refuse(_ error: APIError) async {
        let channel = self.channel
        // A connection already closed has no guard and needs no answer.
        try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: ConnectionGuard.self).refuseUpgrade(HTTPRefusal(error))
        }.get()
    }
}
