public import AsyncHTTPClient
import NIOCore
public import NIOHTTP1
import HuisClosWire

/// One request of the sync client to the relay, before it is put on a network.
public struct RelayRequest: Sendable {
    /// The HTTP method.
    public var method: HTTPMethod
    /// The path under the server's URL, e.g. `/v1/push`.
    public var path: String
    /// The header fields, in order (protocol version, token, content type).
    public var headers: [(name: String, value: String)]
    /// The body, nil for none.
    public var body: [UInt8]?
}

/// The relay's answer: its status and body, whatever the status.
public struct RelayResponse: Sendable {
    /// The HTTP status code.
    public var status: UInt
    /// The body as received (at most the request's size limit).
    public var body: [UInt8]
    /// The relay's clock when it answered (its `HuisClos-Time` header, milliseconds since the Unix
    /// epoch), nil when the answer did not carry it.
    public var relayTimeMs: Int64?
    /// The relay's incarnation (its `HuisClos-Incarnation` header), nil when the answer did not
    /// carry one (an older relay).
    public var incarnation: String?

    /// An answer with `status` and `body`, the relay's clock and incarnation read from its header
    /// fields through `header` (a field's value by name, nil when absent).
    public init(status: UInt, body: [UInt8], header: (String) -> String?) {
        self.status = status
        self.body = body
        relayTimeMs = header(RelayTime.headerName).flatMap { Int64($0) }
        incarnation = RelayIncarnation.parse(header(RelayIncarnation.headerName))
    }
}

/// How a `SyncClient`'s requests reach the relay: HTTP in the product (`HTTPRelayTransport`); the
/// deterministic simulation's network (HuisClosSimulation) carries them to a relay in the same
/// process. Any thrown error means the relay could not be reached or its answer was lost.
public protocol RelayTransport: Sendable {
    /// Sends `request` to `server` and returns the relay's answer, its body cut at `limit` bytes.
    func exchange(_ request: RelayRequest, server: String, timeoutSeconds: Int64, limit: Int) async throws -> RelayResponse
}

/// The product's transport: HTTP(S) through AsyncHTTPClient.
public struct HTTPRelayTransport: RelayTransport {
    /// The HTTP client requests go through.
    public let http: HTTPClient

    /// A transport over `http` (the process's shared client by default).
    public init(http: HTTPClient = SyncClient.sharedHTTPClient) { self.http = http }

    public func exchange(_ request: RelayRequest, server: String, timeoutSeconds: Int64, limit: Int) async throws -> RelayResponse {
        var outgoing = HTTPClientRequest(url: server + request.path)
        outgoing.method = request.method
        for (name, value) in request.headers { outgoing.headers.add(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await http.execute(outgoing, timeout: .seconds(timeoutSeconds))
        let bytes = try await Self.body(of: response, limit: max(limit, 64 * 1024))
        return RelayResponse(status: response.status.code, body: bytes) { response.headers.first(name: $0) }
    }

    /// The body read into one array sized from its `Content-Length`, each fragment copied once as
    /// it arrives (collecting a `ByteBuffer` first grew it by reallocation, then the whole body was
    /// copied again into an array); more than `limit` bytes, declared or received, throws
    /// `NIOTooManyBytesError` (a declared excess before anything is read).
    static func body(of response: HTTPClientResponse, limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        if let declared = response.headers.first(name: "Content-Length").flatMap(Int.init) {
            guard declared <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
            bytes.reserveCapacity(declared)
        }
        for try await fragment in response.body {
            guard fragment.readableBytes <= limit - bytes.count else { throw NIOTooManyBytesError(maxBytes: limit) }
            fragment.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }
}
