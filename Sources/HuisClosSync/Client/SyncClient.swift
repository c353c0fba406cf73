public import AsyncHTTPClient
public import Foundation
public import HuisClosCrypto
public import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
public import HuisClosWire
import NIOCore
import NIOHTTP1
import NIOSSL
import SwiftProtobuf

/// A device's connection to the relay: one method per endpoint of PROTOCOL.md.
///
/// Holds the device's session token and logs in again by itself when the token expires (it
/// has the device's key for that). Every failure is an `APIError`: the server's code, or
/// `unreachable` when the server could not be reached. Safe to share between tasks.
public actor SyncClient {
    /// The server's base URL, e.g. `http://127.0.0.1:8443`.
    public nonisolated let server: String
    /// The device's key pair; nil for an admin-only client.
    public nonisolated let device: SigningKeyPair?
    /// How long one request may take, in seconds (a chunk of 1 MiB on a slow link fits).
    public nonisolated let timeoutSeconds: Int64
    /// How requests reach the relay (HTTP in the product).
    let transport: any RelayTransport
    /// The device's clock, read to renew the session token before it expires.
    let now: @Sendable () -> Date
    private var session: (token: String, expiresAt: Date, access: DeviceAccess)?
    /// The login under way, which requests needing a session wait for rather than start their own.
    private var loggingIn: Task<Void, any Error>?
    /// The relay's clock (`HuisClos-Time`) in its last answer, and the device's clock when that
    /// answer arrived: the relay's clock now is that stamp plus the time elapsed since.
    private var relayClock: (relayMs: Int64, receivedAt: Date)?
    /// The relay's incarnation (`HuisClos-Incarnation`) in its last answer that carried one.
    public private(set) var relayIncarnation: String?

    /// How the shared client connects: it gives up after 5 s, so an unreachable server is reported
    /// quickly instead of after the whole request timeout, and it does not retry a refused
    /// connection (retrying until the connect timeout made a member wait 5–7 s to learn the relay
    /// is down).
    public static let httpConfiguration: HTTPClient.Configuration = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(5)
        configuration.connectionPool.retryConnectionEstablishment = false
        // TLS 1.0 and 1.1 are deprecated (RFC 8996): never negotiate below 1.2.
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        configuration.tlsConfiguration = tls
        return configuration
    }()

    /// The HTTP client shared by every `SyncClient` of the process (like `HTTPClient.shared`, it
    /// lives as long as the process).
    public static let sharedHTTPClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)

    /// A client for `server`, acting as `device`, over HTTP through `http`.
    public init(server: String, device: SigningKeyPair?, http: HTTPClient = SyncClient.sharedHTTPClient, timeoutSeconds: Int64 = 60) {
        self.init(server: server, device: device, transport: HTTPRelayTransport(http: http), timeoutSeconds: timeoutSeconds)
    }

    /// A client for `server`, acting as `device`, whose requests go through `transport`; `now` is
    /// the device's clock.
    public init(server: String, device: SigningKeyPair?, transport: any RelayTransport,
                now: @escaping @Sendable () -> Date = SystemWallClock().dateReader, timeoutSeconds: Int64 = 60) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.device = device
        self.transport = transport
        self.now = now
        self.timeoutSeconds = timeoutSeconds
    }

    /// What this device may read and write, as the server said at the last login.
    public var access: DeviceAccess? { session?.access }

    // MARK: Session

    /// Registers this device's keys with a one-time code; returns its grants. `trustRoot` and
    /// `member` (its 16 bytes), when given, let the relay refuse a typo before it spends the code.
    public func enrol(code: String, agreementKey: [UInt8] = [], trustRoot: SigningPublicKey? = nil, member: [UInt8] = []) async throws(APIError) -> DeviceAccess {
        var request = Huisclos_V1_EnrolRequest()
        request.code = code
        request.signingKey = Data(try requireDevice().publicKey.bytes)
        request.agreementKey = Data(agreementKey)
        request.trustRoot = Data(trustRoot?.bytes ?? [])
        request.member = Data(member)
        let response: Huisclos_V1_EnrolResponse = try await call(Endpoint.enrol, request, token: nil)
        return try DeviceAccess(grants: response.grants)
    }

    /// Logs in by challenge–response; returns the session's grants.
    @discardableResult
    public func login() async throws(APIError) -> DeviceAccess {
        let device = try requireDevice()
        var challengeRequest = Huisclos_V1_ChallengeRequest()
        challengeRequest.device = Data(device.publicKey.bytes)
        let challenge: Huisclos_V1_ChallengeResponse = try await call(Endpoint.challenge, challengeRequest, token: nil)
        var login = Huisclos_V1_LoginRequest()
        login.device = Data(device.publicKey.bytes)
        login.nonce = challenge.nonce
        login.signature = Data(LoginProof.sign(nonce: Array(challenge.nonce), with: device))
        let response: Huisclos_V1_LoginResponse = try await call(Endpoint.login, login, token: nil)
        let access = try DeviceAccess(grants: response.grants)
        session = (response.token, expiry(ofRelayTimeMs: Int64(clamping: response.expiresAtMs)), access)
        return access
    }

    /// When a relay time (`expiresAtMs`, by the relay's clock) comes, by the device's clock:
    /// measured from the relay's own clock in the same answer, so an offset between the two clocks
    /// never makes a token look expired or valid for longer.
    private func expiry(ofRelayTimeMs relayMs: Int64) -> Date {
        guard let relayClock else { return Date(timeIntervalSince1970: Double(relayMs) / 1000) }
        return relayClock.receivedAt.addingTimeInterval(Double(relayMs - relayClock.relayMs) / 1000)
    }

    /// The relay's clock now, in milliseconds since the Unix epoch, from its last answer's
    /// `HuisClos-Time` plus the time elapsed since; nil before any answer carried it.
    public func relayTimeMs() -> Int64? {
        guard let relayClock else { return nil }
        return relayClock.relayMs + Int64((now().timeIntervalSince(relayClock.receivedAt) * 1000).rounded())
    }

    /// Reads the relay's clock (an unauthenticated `GET /healthz`): for a device about to sign its
    /// first records, before any other answer has told it.
    public func measureRelayClock() async throws(APIError) -> Int64 {
        _ = try await send(.GET, "/healthz", body: nil, contentType: ProtocolVersion.contentType, token: nil, limit: 1_024)
        guard let now = relayTimeMs() else {
            throw APIError(.malformed, Text(fr: "le serveur à \(server) ne donne pas son heure (pas d'en-tête \(RelayTime.headerName)) : ce n'est pas un relais HuisClos de cette version ; vérifiez l'adresse",
                                            en: "the server at \(server) does not say its clock (no \(RelayTime.headerName) header): it is not a HuisClos relay of this version; check the address"))
        }
        return now
    }

    /// The current token, logging in first when there is none or it is about to expire. Requests
    /// side by side (chunks fetched ahead) share one login: those that come while it runs wait for it.
    func token() async throws(APIError) -> String {
        while true {
            if let session, session.expiresAt.timeIntervalSince(now()) > 5 { return session.token }
            if let loggingIn {
                do { try await loggingIn.value } catch { throw Self.loginFailure(error) }
                continue
            }
            let login = Task { _ = try await self.login() }
            loggingIn = login
            defer { loggingIn = nil }
            do { try await login.value } catch { throw Self.loginFailure(error) }
            if let session { return session.token }
        }
    }

    /// A shared login's failure as the waiting request reports it (the login throws `APIError`;
    /// anything else is its task cancelled).
    private static func loginFailure(_ error: any Error) -> APIError {
        (error as? APIError) ?? APIError(.unreachable, Text(fr: "la connexion au serveur a été interrompue : synchronisez de nouveau",
                                                            en: "the connection to the server was interrupted: sync again"))
    }

    /// Drops the session if its token is `used` (the relay refused it), so the next request logs
    /// in; a session another request opened since is kept.
    func forget(token used: String) {
        if session?.token == used { session = nil }
    }

    /// Calls a device endpoint; when the relay no longer takes the session's token (`renewsSession`)
    /// logs in once more and retries.
    func authorised<Response: SwiftProtobuf.Message>(_ path: String, _ message: some SwiftProtobuf.Message,
                                                     limit: Int = WireLimits.pushRequestBytesMax) async throws(APIError) -> Response {
        let used = try await token()
        do {
            return try await call(path, message, token: used, limit: limit)
        } catch where Self.renewsSession(error) {
            forget(token: used)
            return try await call(path, message, token: try await token(), limit: limit)
        }
    }

    /// Whether `error` means the session's token is no longer good and a fresh login may succeed:
    /// it expired, or the relay does not know it (restored from a backup older than the login).
    static func renewsSession(_ error: APIError) -> Bool {
        error.code == .tokenExpired || error.code == .unauthenticated
    }

    private func requireDevice() throws(APIError) -> SigningKeyPair {
        guard let device else { throw APIError(.unauthenticated, Text(fr: "ce client n'a pas de clé d'appareil : enrôlez d'abord un appareil",
                                                                      en: "this client has no device key: enrol a device first")) }
        return device
    }

    // MARK: Transport

    /// POSTs a protobuf message and decodes the protobuf answer.
    func call<Response: SwiftProtobuf.Message>(_ path: String, _ message: some SwiftProtobuf.Message, token: String?,
                                               limit: Int = WireLimits.controlMessageBytesMax) async throws(APIError) -> Response {
        let body = try await send(.POST, path, body: message.wireBytes(), contentType: ProtocolVersion.contentType,
                                  token: token, limit: limit)
        return try Response(wire: body, limit: limit)
    }

    /// Sends one request; returns the body of a 2xx answer, or throws the server's `APIError`.
    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String, token: String?,
              limit: Int) async throws(APIError) -> [UInt8] {
        let answer = try await exchange(method, path, body: body, contentType: contentType, token: token, limit: limit)
        guard (200..<300).contains(answer.status) else {
            throw APIError(jsonBody: answer.body) ?? APIError(.internal, Text(fr: "le serveur a répondu HTTP \(answer.status) sans code d'erreur",
                                                                              en: "the server answered HTTP \(answer.status) without an error code"))
        }
        return answer.body
    }

    /// Sends one request and returns the answer whatever its status; throws `unreachable` when
    /// no answer came.
    func exchange(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, contentType: String = "", token: String? = nil,
                  limit: Int) async throws(APIError) -> RelayResponse {
        var headers = [(name: ProtocolVersion.headerName, value: String(ProtocolVersion.current))]
        if let token { headers.append((name: "Authorization", value: "Bearer \(token)")) }
        if body != nil { headers.append((name: "Content-Type", value: contentType)) }
        let request = RelayRequest(method: method, path: path, headers: headers, body: body)
        let answer: RelayResponse
        do {
            answer = try await transport.exchange(request, server: server, timeoutSeconds: timeoutSeconds, limit: limit)
        } catch {
            var unreachable = APIError(.unreachable, Text(fr: "impossible de joindre le serveur à \(server) : vérifiez l'adresse et le réseau",
                                                          en: "cannot reach the server at \(server): \(Self.cause(of: error)); check the address and the network"))
            unreachable.transportCause = Self.transportCause(of: error)
            throw unreachable
        }
        if let stamp = answer.relayTimeMs { relayClock = (stamp, now()) }
        if let incarnation = answer.incarnation { relayIncarnation = incarnation }
        return answer
    }
}

extension SyncClient {
    /// What went wrong on the way to the relay, in words a person can act on.
    /// The kind of transport failure `error` is (the same reading as `cause(of:)`).
    static func transportCause(of error: any Error) -> APIError.TransportCause {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return .connectionRefused
            case ECONNRESET, EPIPE: return .connectionReset
            case ENETUNREACH, EHOSTUNREACH: return .networkUnreachable
            default: return .other
            }
        }
        if let client = error as? HTTPClientError {
            switch client {
            case .connectTimeout: return .connectTimeout
            case .remoteConnectionClosed: return .closedEarly
            case .deadlineExceeded, .readTimeout: return .answerLate
            default: return .other
            }
        }
        return .other
    }

    static func cause(of error: any Error) -> String {
        let kind = transportCause(of: error)
        if kind != .other { return kind.text.english }
        if let io = error as? IOError { return "network error (\(io.description))" }
        if let client = error as? HTTPClientError { return "HTTP error (\(client))" }
        if error is ChannelError { return "connection failed (\(error))" }
        return "\(type(of: error))"
    }

    /// The session token, if logged in (for tools that hand-build requests; never log it).
    public var currentToken: String? { session?.token }
}
