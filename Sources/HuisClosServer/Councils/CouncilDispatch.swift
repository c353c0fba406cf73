import HTTPTypes
import Hummingbird
import HuisClosWire

/// Hands each request to the council it addresses: `/councils/<id>/…` to council `<id>`'s
/// responder with that prefix taken off the path, anything else to the default council's.
///
/// The council's routers then see the paths of PROTOCOL.md unchanged (`/v1/push`, `/public/`…).
/// A path naming no hosted council goes to the default council's router, which has no
/// `/councils/…` route and answers `404 notFound` like any unknown path. A council that could not
/// be opened at start answers `503` to everything under its prefix, `/readyz` included.
struct CouncilDispatch<Context: RequestContext>: HTTPResponder {
    let main: RouterResponder<Context>
    let councils: [String: RouterResponder<Context>]
    /// The hosted councils that could not be opened at start.
    let unavailable: Set<String>

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let (id, rest) = Self.split(request.head.path ?? "") else {
            return try await main.respond(to: request, context: context)
        }
        if unavailable.contains(id) { return Self.unavailableAnswer }
        guard let responder = councils[id] else {
            return try await main.respond(to: request, context: context)
        }
        var head = request.head
        head.path = rest
        return try await responder.respond(to: Request(head: head, body: request.body), context: context)
    }

    /// What a council that could not be opened answers (its cause is in the relay's log only:
    /// this answer is unauthenticated).
    static var unavailableAnswer: Response {
        var response = APIError(.internal, "this council cannot be served by this relay now (its database or settings could not be opened at start): "
                                + "the operator must read the relay's log, fix what it names and restart the relay").response
        response.status = .serviceUnavailable
        return response
    }

    /// `/councils/<id><rest>` → (`<id>`, `<rest>`), `<rest>` starting with `/` (`/` alone when the
    /// path ends at the identifier or a query follows it); nil for any other path.
    static func split(_ path: String) -> (id: String, rest: String)? {
        let prefix = CouncilDirectory.pathSegment + "/"
        guard path.hasPrefix(prefix) else { return nil }
        let tail = path.dropFirst(prefix.count)
        let end = tail.firstIndex { $0 == "/" || $0 == "?" } ?? tail.endIndex
        let id = String(tail[..<end])
        let rest = String(tail[end...])
        return (id, rest.hasPrefix("/") ? rest : "/" + rest)
    }
}
