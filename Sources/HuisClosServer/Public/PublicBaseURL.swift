import Foundation
import HuisClosWire
import Synchronization

/// The base URL of the public site (`…/public`, no trailing slash), as absolute links in the open
/// data and the pages' canonical links name it.
///
/// Given (`ServerConfiguration.publicURL`, `--public-url`): used as is — the address visitors
/// reach, for instance behind a TLS proxy. Otherwise derived from a bound host name that visitors
/// can reach: `http(s)://HOST:PORT/public`, with the port the server really bound. A wildcard
/// (`0.0.0.0`, `::`) or loopback bind (`127.0.0.1`, `::1`, `localhost`) names no address a visitor
/// reaches: the public site then refuses to publish until `--public-url` is given, rather than
/// put `http://127.0.0.1:…` in the open data. It never takes a request's `Host` header: a
/// visitor (or a proxy cache) could otherwise plant links to any site in the open data.
///
/// A hosted council (`CouncilID`) publishes under `/councils/<id>/public`: the `url` of its own
/// `public-site.json` when given, else `--public-url` with its final `/public` replaced by
/// `/councils/<id>/public`, else derived from the bound host as above.
final class PublicBaseURL: Sendable {
    private let given: String?
    private let scheme: String
    private let host: String
    private let port: Mutex<Int>
    /// The site's path on the relay: `/public`, or `/councils/<id>/public` for a hosted council.
    let path: String
    /// Why a hosted council cannot name its site from the relay's `--public-url`; nil when it can.
    private let underived: PublicSiteRefusal?

    /// The base for `configuration`'s default council, or for `council` (its own `councilURL`
    /// first); the port is updated by `bound(port:)` once listening.
    init(configuration: ServerConfiguration, council: CouncilID? = nil, councilURL: String? = nil) {
        let relayURL = configuration.publicURL.map(Self.trimmed)
        path = (council?.pathPrefix ?? "") + "/public"
        switch (councilURL, relayURL, council) {
        case let (.some(own), _, _):
            given = Self.trimmed(own)
            underived = nil
        case let (nil, .some(relayURL), .some(council)) where !relayURL.hasSuffix("/public"):
            given = nil
            underived = .underived(relayURL: relayURL, council: "\(council)")
        case let (nil, .some(relayURL), .some):
            given = String(relayURL.dropLast("/public".count)) + path
            underived = nil
        default:
            given = relayURL
            underived = nil
        }
        scheme = configuration.tls == nil ? "http" : "https"
        host = configuration.host
        port = Mutex(configuration.port)
    }

    /// Records the port the server bound (differs from the configured one when that was 0).
    func bound(port value: Int) { port.withLock { $0 = value } }

    /// Whether the public site can name itself: a given URL, or a bound host visitors can reach.
    var isKnown: Bool { underived == nil && Self.namesItself(publicURL: given, host: host) }

    /// Whether a server with `publicURL` (given or nil) bound to `host` can name its public site:
    /// not from a wildcard or loopback address.
    static func namesItself(publicURL: String?, host: String) -> Bool {
        publicURL != nil || !(["0.0.0.0", "::", "[::]", "", "::1", "[::1]", "localhost"].contains(host) || host.hasPrefix("127."))
    }

    /// The base URL; a refusal saying to give `--public-url` when the site cannot name itself.
    func url() throws(PublicSiteRefusal) -> String {
        if let given { return given }
        if let underived { throw underived }
        guard isKnown else { throw .unnamed(host: host) }
        let port = port.withLock { $0 }
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let defaultPort = scheme == "https" ? 443 : 80
        return port == defaultPort ? "\(scheme)://\(name)\(path)" : "\(scheme)://\(name):\(port)\(path)"
    }

    /// `url` without a trailing slash (`https://example.org/public/` → `https://example.org/public`).
    static func trimmed(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}

extension ServerConfiguration {
    /// Whether the public site can name itself: `publicURL` given, or a bound host visitors reach.
    public var publicSiteNamesItself: Bool { PublicBaseURL.namesItself(publicURL: publicURL, host: host) }
}
