public import Foundation
import HuisClosEngine
public import Logging

/// How one relay server runs: where it keeps data, where it listens, how long secrets live.
///
/// `ServerApp` fills it from flags and environment; tests fill it directly.
public struct ServerConfiguration: Sendable {
    /// The folder holding the database and, when generated, the admin token file.
    public var dataFolder: URL
    /// The address to bind (`127.0.0.1` by default: expose it on purpose, behind TLS).
    public var host: String
    /// The port to bind; 0 picks a free one (the listening line says which).
    public var port: Int
    /// PEM certificate chain and private key; nil serves plain HTTP (say so to the operator).
    public var tls: TLSFiles?
    /// The admin token; nil reads `adminTokenFile`, or reads or creates `<dataFolder>/admin-token`.
    public var adminToken: String?
    /// A file holding the admin token (`--admin-token-file`); refused when others may read it.
    public var adminTokenFile: URL?
    /// How long a login token is accepted (15 minutes by default: a stolen token dies soon).
    public var tokenLifetime: Duration
    /// How long a login nonce may be answered (60 s: a login round trip, with slack).
    public var challengeLifetime: Duration
    /// The validity of an enrolment code that does not ask for one (7 days).
    public var enrolmentValidityDefault: Duration
    /// Serves `GET /bench/raw/...` for the benchmark's floor; never in production.
    public var benchEndpoints: Bool
    /// The server's notion of now (tests move it to expire tokens without waiting).
    public var clock: ServerClock
    /// The minimum level of log records.
    public var logLevel: Logger.Level
    /// Text lines (default) or one JSON object per line (`--log-format json`).
    public var logFormat: LogFormat = .text
    /// The public site's address as visitors reach it (`https://example.org/public`), used for the
    /// absolute links of the open data (`DELIB_URL`) and the pages' canonical links; nil derives
    /// `http(s)://host:port/public` from `host` and the bound port, and after a wildcard bind the
    /// public site refuses to name itself (never from a request's `Host`: see `PublicBaseURL`).
    public var publicURL: String?
    /// Where `GET /metrics` is served (`--metrics-address`); nil serves it nowhere. Never the main
    /// address: the figures tell who is active when, so they stay on loopback or a private network.
    public var metricsAddress: ListenAddress?
    /// Per-device quotas, rate limits and connection bounds (`ServerLimits` by default).
    public var quotas: RelayQuotas
    /// The reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxies`); none by default.
    public var trustedProxies: TrustedProxies = .none
    /// Seconds between two checks of an open watch socket when no poke comes.
    public var watchRecheckSeconds: Int

    /// A configuration with the defaults above.
    public init(dataFolder: URL, host: String = "127.0.0.1", port: Int = 8443, tls: TLSFiles? = nil,
                adminToken: String? = nil, tokenLifetime: Duration = .seconds(900),
                challengeLifetime: Duration = .seconds(60), enrolmentValidityDefault: Duration = .seconds(604_800),
                benchEndpoints: Bool = false, clock: ServerClock = .system, logLevel: Logger.Level = .info,
                publicURL: String? = nil, metricsAddress: ListenAddress? = nil, quotas: RelayQuotas = .standard,
                watchRecheckSeconds: Int = ServerLimits.watchRecheckSeconds) {
        self.dataFolder = dataFolder
        self.host = host
        self.port = port
        self.tls = tls
        self.adminToken = adminToken
        self.tokenLifetime = tokenLifetime
        self.challengeLifetime = challengeLifetime
        self.enrolmentValidityDefault = enrolmentValidityDefault
        self.benchEndpoints = benchEndpoints
        self.clock = clock
        self.logLevel = logLevel
        self.publicURL = publicURL
        self.metricsAddress = metricsAddress
        self.quotas = quotas
        self.watchRecheckSeconds = watchRecheckSeconds
    }
}

/// The PEM files of a TLS server identity.
public struct TLSFiles: Sendable, Equatable {
    /// The certificate chain, leaf first.
    public var certificatePath: String
    /// The private key of the leaf certificate.
    public var privateKeyPath: String

    /// TLS files by path.
    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }
}

/// A source of the current time.
public struct ServerClock: Sendable {
    /// Returns now.
    public let now: @Sendable () -> Date

    /// A clock reading `now`.
    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system's wall clock.
    public static let system = ServerClock(now: SystemWallClock().dateReader)
}

extension Date {
    /// This date moved by a Swift `Duration`.
    func adding(_ duration: Duration) -> Date {
        let (seconds, attoseconds) = duration.components
        return addingTimeInterval(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Unix milliseconds, as the protocol carries times and every storage backend keeps them.
    public var unixMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The date of a Unix-millisecond time.
    public init(unixMilliseconds: Int64) { self.init(timeIntervalSince1970: Double(unixMilliseconds) / 1000) }
}
