import Foundation
import HuisClosWire
import Synchronization

/// The base URL of the public site (`…/public`, no trailing slash), as absolute links in the open
/// data and the pages' canonical links name it.
///
/// Given (`ServerConfiguration.publicURL`, `--public-url`): used as is — the address visitors
/// reach, for instance behind a TLS proxy. Otherwise derived from the bound address:
/// `http(s)://HOST:PORT/public`, with the port the server really bound (so `--port 0` works).
/// A wildcard bind (`0.0.0.0`, `::`) names no reachable host: then the public site refuses to
/// name itself until `--public-url` is given. It never takes a request's `Host` header: a
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

    /// Whether the host is a wildcard address, which no visitor can reach by that name.
    var isWildcard: Bool { ["0.0.0.0", "::", "[::]", ""].contains(host) }

    /// Whether the public site can name itself (a given URL, or a bound address that is not a wildcard).
    var isKnown: Bool { given != nil || !isWildcard }

    /// The base URL; `notFound` after a wildcard bind without a given URL.
    func url() throws(APIError) -> String {
        if let given { return given }
        guard !isWildcard else {
            throw APIError(.notFound, "the public site does not know its own address: the server listens on a wildcard address; start it with --public-url https://…/public")
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
