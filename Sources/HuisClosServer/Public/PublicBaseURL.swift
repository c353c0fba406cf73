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
final class PublicBaseURL: Sendable {
    private let given: String?
    private let scheme: String
    private let host: String
    private let port: Mutex<Int>

    /// The base for `configuration`; the port is updated by `bound(port:)` once listening.
    init(configuration: ServerConfiguration) {
        given = configuration.publicURL.map(Self.trimmed)
        scheme = configuration.tls == nil ? "http" : "https"
        host = configuration.host
        port = Mutex(configuration.port)
    }

    /// Records the port the server bound (differs from the configured one when that was 0).
    func bound(port value: Int) { port.withLock { $0 = value } }

    /// Whether the public site can name itself: a given URL, or a bound host visitors can reach.
    var isKnown: Bool { Self.namesItself(publicURL: given, host: host) }

    /// Whether a server with `publicURL` (given or nil) bound to `host` can name its public site:
    /// not from a wildcard or loopback address.
    static func namesItself(publicURL: String?, host: String) -> Bool {
        publicURL != nil || !(["0.0.0.0", "::", "[::]", "", "::1", "[::1]", "localhost"].contains(host) || host.hasPrefix("127."))
    }

    /// The base URL; `notFound`, saying to give `--public-url`, when the site cannot name itself.
    func url() throws(APIError) -> String {
        if let given { return given }
        guard isKnown else {
            throw APIError(.notFound, "the public site publishes nothing yet: it does not know the address visitors reach it by "
                + "(the server listens on \(host)); start huisclos-server with --public-url https://…/public (or HUISCLOS_PUBLIC_URL)")
        }
        let port = port.withLock { $0 }
        let name = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let defaultPort = scheme == "https" ? 443 : 80
        return port == defaultPort ? "\(scheme)://\(name)/public" : "\(scheme)://\(name):\(port)/public"
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
