import Foundation
import HTTPTypes
import HuisClosL10n
import HuisClosWire
import Hummingbird
import Logging

/// Wraps every route: checks the protocol version under `/v1`, turns every error into a JSON
/// error answer with a stable code, stamps the server's version, clock and incarnation, counts and
/// logs the request.
///
/// Logs hold the method, route pattern, status and duration, never bodies or headers (tokens).
struct ProtocolMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics
    /// Told of every storage failure: damage turns `/readyz` off.
    let health: StorageHealth
    /// The relay's clock, stamped on every answer (`HuisClos-Time`) so devices measure their offset.
    let clock: ServerClock
    /// The storage's incarnation, stamped on every answer (`HuisClos-Incarnation`) so devices see a restore.
    let incarnation: IncarnationStamp
    /// Told of every error answer before it is sent: the watch router hands it to the connection's
    /// guard, which sends it in place of the WebSocket library's bare 400 (`WatchRequestContext`).
    var refused: @Sendable (APIError, Context) async -> Void = { _, _ in }

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            try Self.checkPath(request)
            try Self.checkVersion(request)
            response = try await next(request, context)
        } catch {
            let answer = apiError(for: error, logger: context.logger)
            await refused(answer, context)
            response = answer.response(from: request, context: context)
        }
        response.headers[.huisClosProtocol] = String(ProtocolVersion.current)
        response.headers[.huisClosTime] = String(Int64(clock.now().timeIntervalSince1970 * 1000))
        if let incarnation = await incarnation.value() { response.headers[.huisClosIncarnation] = incarnation }
        let route = context.endpointPath ?? "unmatched"
        let duration = ContinuousClock.now - start
        metrics.request(route: route, status: response.status.code, duration: duration)
        context.logger.debug("request", metadata: [
            "method": "\(request.method)", "route": "\(route)", "status": "\(response.status.code)",
            "ms": "\(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)",
        ])
        return response
    }

    /// The answer to a request that failed with `error`: its own when it is an `APIError`, else
    /// `internal` (logged; storage damage also turns `/readyz` off) or the framework status's.
    private func apiError(for error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as StorageError:
            logger.error("storage failed", metadata: ["code": "\(error.code.rawValue)", "why": "\(error.message)"])
            health.observe(error)
            metrics.storageError(error.code.rawValue)
            return APIError(.internal, Text(fr: "le stockage du serveur a échoué, sans que rien de ce que vous avez envoyé en soit la cause : réessayez plus tard",
                                            en: "the server's storage failed; nothing you sent caused it: retry later"))
        case let error as any HTTPResponseError:
            return Self.map(error.status)
        default:
            logger.error("request failed", metadata: ["error": "\(String(describing: type(of: error)))"])
            return APIError(.internal, Text(fr: "le serveur a échoué, sans que rien de ce que vous avez envoyé en soit la cause : réessayez plus tard",
                                            en: "the server failed; nothing you sent caused it: retry later"))
        }
    }

    /// Throws `notFound` for a path the router would otherwise normalise into an endpoint's:
    /// an empty segment (`//v1/pull`, `/v1//push`) or, under `/v1`, a trailing slash (`/v1/pull/`).
    /// One spelling per endpoint, so what a proxy or a log sees is what the server served.
    static func checkPath(_ request: Request) throws(APIError) {
        let path = request.uri.path
        guard !path.contains("//"), !(path.hasPrefix("/v1/") && path.hasSuffix("/")) else {
            throw APIError(.notFound, Text(fr: "point d'accès inconnu (\(path.prefix(64))) : voyez PROTOCOL.md pour les routes de la version \(ProtocolVersion.current)",
                                           en: "no such endpoint (\(path.prefix(64))): see PROTOCOL.md for the routes of version \(ProtocolVersion.current)"))
        }
    }

    /// Throws `unsupportedProtocol` when a `/v1` request lacks a version this server speaks,
    /// written exactly as the server writes it (`1`, not `01` or `+1`).
    static func checkVersion(_ request: Request) throws(APIError) {
        guard request.uri.path.hasPrefix("/v1/") else { return }
        let sent = request.headers[.huisClosProtocol]
        guard let sent, ProtocolVersion.supported.map(String.init).contains(sent) else {
            let speaks = "this server speaks HuisClos protocol \(ProtocolVersion.supported.map(String.init).joined(separator: ", "))"
            let told = sent.map { "and your client sent \($0.prefix(16))" } ?? "and your client sent no HuisClos-Protocol header"
            throw APIError(.unsupportedProtocol, Text(fr: "versions du protocole différentes : installez la version du client qui correspond au serveur, ou demandez au secrétariat de mettre le serveur à jour",
                                                      en: "\(speaks) \(told): install the client version that matches the server, or ask the secretariat to update the server"))
        }
    }

    /// The API error for a framework error status (unknown route, oversized body…).
    static func map(_ status: HTTPResponse.Status) -> APIError {
        switch status.code {
        case 404: APIError(.notFound, Text(fr: "point d'accès inconnu : voyez PROTOCOL.md pour les routes de la version \(ProtocolVersion.current)",
                                           en: "no such endpoint: see PROTOCOL.md for the routes of version \(ProtocolVersion.current)"))
        case 405: APIError(.notFound, Text(fr: "ce point d'accès ne prend pas cette méthode", en: "this endpoint does not take that method"))
        case 413: APIError(.tooLarge, Text(fr: "le corps de la requête dépasse sa limite", en: "the request body is over its limit"))
        case 400..<500: APIError(.malformed, Text(fr: "la requête n'a pas été comprise (HTTP \(status.code))",
                                                  en: "the request was not understood (HTTP \(status.code))"))
        default: APIError(.internal, Text(fr: "le serveur a échoué : réessayez plus tard", en: "the server failed; retry later"))
        }
    }
}
