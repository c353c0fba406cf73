import Hummingbird
import HummingbirdWebSocket

/// The request context of the relay's HTTP routers: Hummingbird's (with the watch socket's
/// handler reference), plus the client's source address, which the login and enrolment limits
/// count against (one anonymous client must not lock a device or a council out).
struct RelayRequestContext: RequestContext, WebSocketRequestContext, SourceAddressed {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let source: SourceAddress

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        self.source = SourceAddress(source.channel.remoteAddress)
    }
}
