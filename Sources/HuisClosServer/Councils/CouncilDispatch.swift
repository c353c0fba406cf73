import HTTPTypes
import HuisClosL10n
import HuisClosWire
import Hummingbird

/// Hands each request to the council it addresses: `/councils/<id>/…` to council `<id>`'s
/// responder with that prefix taken off the path, anything else to the default council's.
///
/// The council's routers then see the paths of PROTOCOL.md unchanged (`/v1/push`, `/public/`…).
/// A council not served since start (created since, or unavailable then) is looked up in `late`,
/// which opens it on first use. A path naming no council goes to the default council's router,
/// which has no `/councils/…` route and answers `404 notFound` like any unknown path. A council
/// that cannot be opened answers `503` to everything under its prefix, `/readyz` included.
struct CouncilDispatch<Context: RequestContext>: HTTPResponder {
    let main: RouterResponder<Context>
    let councils: [String: RouterResponder<Context>]
    let late: LateCouncils
    /// This dispatch's router among a late council's (HTTP or watch upgrade).
    let pick: @Sendable (LateCouncils.Responders) -> RouterResponder<Context>

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let (id, rest) = Self.split(request.head.path ?? "") else {
            return try await main.respond(to: request, context: context)
        }
        let responder: RouterResponder<Context>
        if let known = councils[id] {
            responder = known
        } else {
            switch await late.find(id) {
            case let .served(responders): responder = pick(responders)
            case .unavailable: return Self.unavailableAnswer
            case .none: return try await main.respond(to: request, context: context)
            }
        }
        var head = request.head
        head.path = rest
        return try await responder.respond(to: Request(head: head, body: request.body), context: context)
    }

    /// What a council that could not be opened answers (its cause is in the relay's log only:
    /// this answer is unauthenticated).
    static var unavailableAnswer: Response {
        var response = APIError(.internal, Text(
            fr: "ce relais ne peut pas servir ce conseil pour l'instant (sa base ou ses réglages ne s'ouvrent pas) : "
                + "l'exploitant doit lire le journal du relais et corriger ce qu'il nomme ; le relais réessaie à une requête suivante",
            en: "this council cannot be served by this relay now (its database or settings cannot be opened): "
                + "the operator must read the relay's log and fix what it names; the relay tries again on a later request")).response
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
