import Foundation
import HuisClosL10n
import NIOCore

/// The reverse proxies in front of the relay (`--trusted-proxies`). Behind one, every client
/// arrives from the proxy's address: a request through a trusted proxy counts against the client
/// its `X-Forwarded-For` names (the per-address login and enrolment limits), and the proxy's own
/// connections are not bounded per address (it carries many clients'). A header from anyone else
/// is ignored: a client cannot choose whom its attempts count against.
public struct TrustedProxies: Sendable, Equatable {
    /// Each proxy's address, as `SocketAddress.ipAddress` writes it.
    private let addresses: Set<String>

    /// No proxy: every client is its connection's address.
    public static let none = TrustedProxies(addresses: [])

    private init(addresses: Set<String>) { self.addresses = addresses }

    /// From the setting: IP addresses separated by commas, each proxy named exactly (no host
    /// names, which a resolver could change, and no networks).
    public init(parsing text: String) throws(SettingsError) {
        var addresses = Set<String>()
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let address = Self.normalized(entry) else {
                throw SettingsError(Text(fr: "trusted-proxies est une liste d'adresses IP de mandataires séparées par des virgules, par exemple 127.0.0.1,10.0.0.5 (reçu \(entry))",
                    en: "trusted-proxies is a list of the proxies' IP addresses separated by commas, e.g. 127.0.0.1,10.0.0.5 (got \(entry))"))
            }
            addresses.insert(address)
        }
        self.addresses = addresses
    }

    /// Whether `address` (an IP address in any spelling) is one of the proxies.
    func trusts(_ address: String?) -> Bool {
        guard !addresses.isEmpty, let address, let normalized = Self.normalized(address) else { return false }
        return addresses.contains(normalized)
    }

    /// The client a request from `remote` stands for: through a trusted proxy, the last address
    /// of `forwardedFor` (its header lines, in order) that is not itself a trusted proxy — read from
    /// the right, since a client may write any entries before the proxy appends its own; anything
    /// else, or a header that does not parse there, leaves the connection's address.
    func client(remote: String?, forwardedFor: [String]) -> SourceAddress {
        let connection = SourceAddress(ipAddress: remote)
        guard trusts(remote) else { return connection }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard let address = try? SocketAddress(ipAddress: hop, port: 0) else { return connection }
            if !trusts(hop) { return SourceAddress(address) }
        }
        return connection
    }

    /// `text` as `SocketAddress.ipAddress` writes it; nil when it is no IP address.
    private static func normalized(_ text: String) -> String? {
        (try? SocketAddress(ipAddress: text, port: 0))?.ipAddress
    }
}
