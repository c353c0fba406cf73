import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// Who a per-client limit counts against: the client's IPv4 address, or the /64 network of its
/// IPv6 address (one subscriber's allocation, whose 2^64 addresses cost an attacker nothing).
///
/// Behind a reverse proxy every client has the proxy's address: a trusted proxy's
/// `X-Forwarded-For` names the client instead (`TrustedProxies`, TRUST.md).
struct SourceAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address, or the /64 network written `xxxx:xxxx:xxxx:xxxx::/64`; empty when unknown.
    let key: String

    /// The source of a connection's remote address (an IPv4-mapped IPv6 address counts as IPv4).
    init(_ address: SocketAddress?) {
        guard let address else {
            key = ""
            return
        }
        switch address {
        case .v6(let v6):
            // `sin6_addr`, at offset 8 of every `sockaddr_in6` (glibc, musl, BSD): read as bytes, since
            // the compiler sees the member as declared in NIO's internal CNIOLinux module.
            let bytes = withUnsafeBytes(of: v6.address) { Array($0[8..<24]) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                key = bytes[12...].map(String.init).joined(separator: ".")
            } else {
                key = stride(from: 0, to: 8, by: 2).map { String(UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]), radix: 16) }
                    .joined(separator: ":") + "::/64"
            }
        default:
            key = address.ipAddress ?? ""
        }
    }

    /// The source of an address written as text (`SocketAddress.ipAddress`); the text itself when
    /// it does not parse.
    init(ipAddress text: String?) {
        guard let text, let address = try? SocketAddress(ipAddress: text, port: 0) else {
            self.init(key: text ?? "")
            return
        }
        self.init(address)
    }

    private init(key: String) { self.key = key }

    var description: String { key }
}

/// A request context that knows its client's `SourceAddress` (rate limits per client).
protocol SourceAddressed: RequestContext {
    /// The client's source, as the limits count it.
    var source: SourceAddress { get }
}
