import Hummingbird
import HummingbirdWebSocket

/// The request context of the relay's HTTP routers: Hummingbird's (with the watch socket's
/// handler reference), plus the client's source address, which the login and enrolment limits
/// count against (one anonymous client must not lock a device or a council out).
struct RelayRequestContext: RequestContext, WebSocketRequestContext, SourceAddressed {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    /// The connection's remote IP address.
    let remote: String?
    /// The client: the connection's address, or the one a trusted proxy forwarded (`ForwardedClient`).
    var source: SourceAddress

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        remote = source.channel.remoteAddress?.ipAddress
        self.source = SourceAddress(source.channel.remoteAddress)
    }
}
