import HTTPTypes
import Hummingbird

/// Sets a request's `source` to the client a trusted proxy forwarded it for (`TrustedProxies`);
/// the first middleware of every council's router, so every limit counts the right client.
struct ForwardedClient: RouterMiddleware {
    typealias Context = RelayRequestContext

    let proxies: TrustedProxies

    /// The header a proxy appends the client's address to.
    static let header = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard proxies.trusts(context.remote) else { return try await next(request, context) }
        var context = context
        context.source = proxies.client(remote: context.remote, forwardedFor: request.headers[values: Self.header])
        return try await next(request, context)
    }
}
