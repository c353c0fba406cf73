import HuisClosHTTPGuard
import HuisClosL10n
import HuisClosWire
import NIOCore
import NIOHTTP1

extension ConnectionCounter {
    /// The relay's connections: at most `totalMax` in all and `perAddressMax` per `SourceAddress`
    /// (a trusted proxy's bounded in all only: it carries many clients'); memory handed back after
    /// a burst of `ServerLimits.memoryReleaseConnectionsMin`.
    convenience init(totalMax: Int, perAddressMax: Int, proxies: TrustedProxies = .none) {
        self.init(totalMax: totalMax, perKeyMax: perAddressMax, memoryReleaseMin: ServerLimits.memoryReleaseConnectionsMin) { address in
            proxies.trusts(address) ? nil : SourceAddress(ipAddress: address).key
        }
    }
}

extension ConnectionPolicy {
    /// The relay's: refusals counted in `metrics`, a head that does not parse answered `400
    /// malformed` (`431 tooLarge` when over `ServerLimits.requestHeadBytesMax`) with the protocol's JSON body.
    static func relay(headTimeout: TimeAmount, metrics: ServerMetrics) -> ConnectionPolicy {
        ConnectionPolicy(headTimeout: headTimeout, refused: { metrics.connectionRefused($0) }) { oversized in
            oversized
                ? HTTPRefusal(APIError(.tooLarge, Text(fr: "l'en-tête de la requête dépasse \(ServerLimits.requestHeadBytesMax) octets : envoyez des champs d'en-tête moins nombreux ou plus courts",
                                                       en: "the request head is over \(ServerLimits.requestHeadBytesMax) bytes: send fewer or shorter header fields")),
                              status: .requestHeaderFieldsTooLarge)
                : HTTPRefusal(APIError(.malformed, Text(fr: "la requête n'est pas du HTTP/1.1 valide : voyez PROTOCOL.md, « Transport »",
                                                        en: "the request is not valid HTTP/1.1: see PROTOCOL.md, \"Transport\"")),
                              status: .badRequest)
        }
    }
}

extension HTTPRefusal {
    /// `error` as the relay answers it: its JSON body and the protocol version, with `status`
    /// (the error's own by default).
    init(_ error: APIError, status: HTTPResponseStatus? = nil) {
        self.init(status: status ?? HTTPResponseStatus(statusCode: error.httpStatus),
                  headers: [("Content-Type", "application/json"), (ProtocolVersion.headerName, String(ProtocolVersion.current))],
                  body: error.jsonBody())
    }
}
