import Foundation
import AsyncHTTPClient
public import HuisClosWire
import NIOCore
public import NIOHTTP1

/// A hand-built HTTP request to a test server, for inputs no well-behaved client sends.
public struct RawRequest: Sendable {
    /// The answer: status, body, and the error it carries if any.
    public struct Answer: Sendable {
        /// The HTTP status.
        public let status: UInt
        /// The body bytes.
        public let body: [UInt8]
        /// The `HuisClos-Protocol` header of the answer.
        public let protocolHeader: String?
        /// The `Location` header (a redirect's target, seen when redirects are not followed).
        public let location: String?
        /// The `Content-Security-Policy` header.
        public var contentSecurityPolicy: String? = nil
        /// The JSON error in the body, if it is one.
        public var error: APIError? { APIError(jsonBody: body) }
    }

    /// Sends `method path` with `body` (declared as `contentType` when given), the version header
    /// (unless `version` is nil) and a bearer token; `followRedirects: false` returns a redirect itself.
    public static func send(_ server: String, _ method: HTTPMethod = .POST, _ path: String, body: [UInt8]? = nil,
                            contentType: String? = nil, version: String? = String(ProtocolVersion.current), token: String? = nil,
                            followRedirects: Bool = true) async throws -> Answer {
        var request = HTTPClientRequest(url: server + path)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let version { request.headers.add(name: ProtocolVersion.headerName, value: version) }
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        guard !followRedirects else { return try await Self.execute(request, on: HTTPClient.shared) }
        // A client of its own, shut down before it is released: AsyncHTTPClient traps in debug builds
        // when a client is released while a callback-style shutdown is still under way.
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            let answer = try await Self.execute(request, on: client)
            try await client.shutdown()
            return answer
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func execute(_ request: HTTPClientRequest, on client: HTTPClient) async throws -> Answer {
        let response = try await client.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 * 1_048_576)
        return Answer(status: response.status.code, body: Array(bytes.readableBytesView),
                      protocolHeader: response.headers.first(name: ProtocolVersion.headerName),
                      location: response.headers.first(name: "Location"),
                      contentSecurityPolicy: response.headers.first(name: "Content-Security-Policy"))
    }
}

extension RawRequest {
    /// Sends a WebSocket upgrade request for `path` on a raw socket (the version header unless
    /// `version` is nil, a bearer token when given) and reads the answer until the server closes
    /// the connection: what a refused upgrade gets. A 101 leaves the socket open, so the read ends
    /// at the socket's timeout (`timeoutSeconds`).
    public static func upgrade(port: Int, _ path: String = Endpoint.watch, version: String? = String(ProtocolVersion.current),
                               token: String? = nil, timeoutSeconds: Int = 10) async throws -> Answer {
        let socket = try await RawSocket.connect(port: port, timeoutSeconds: timeoutSeconds)
        var head = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        if let version { head += "\(ProtocolVersion.headerName): \(version)\r\n" }
        if let token { head += "Authorization: Bearer \(token)\r\n" }
        socket.send(head + "\r\n")
        let bytes = await socket.readUntilClosed().bytes
        let separator = Array("\r\n\r\n".utf8)
        let end = (0..<max(0, bytes.count - 3)).first { bytes[$0..<$0 + 4].elementsEqual(separator) } ?? bytes.count
        let fields = String(decoding: bytes[0..<end], as: UTF8.self).split(separator: "\r\n").dropFirst()
        func field(_ name: String) -> String? {
            fields.first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
                .map { String($0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)) }
        }
        return Answer(status: UInt(RawSocket.status(of: bytes) ?? 0), body: Array(bytes.dropFirst(end + 4)),
                      protocolHeader: field(ProtocolVersion.headerName), location: field("Location"))
    }

    /// POSTs `body` to `path` on a raw socket bound to `source` (another loopback address, such as
    /// `127.0.0.2`, stands for another client), with the current version header and `headers`, and reads the
    /// answer until the server closes the connection (`Connection: close`); status 0 when no answer
    /// came within `timeoutSeconds` (as long as `RawSocket`'s: the parallel suite loads the relay).
    public static func post(port: Int, source: String, _ path: String, body: [UInt8], headers: [(String, String)] = [],
                            contentType: String = ProtocolVersion.contentType, timeoutSeconds: Int = 60) async throws -> Answer {
        let socket = try await RawSocket.connect(port: port, source: source, timeoutSeconds: timeoutSeconds)
        let extra = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        socket.send("POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: \(contentType)\r\n"
                    + "\(ProtocolVersion.headerName): \(ProtocolVersion.current)\r\nContent-Length: \(body.count)\r\n\(extra)\r\n")
        socket.send(body)
        let bytes = await socket.readUntilClosed().bytes
        let separator = Array("\r\n\r\n".utf8)
        let end = (0..<max(0, bytes.count - 3)).first { bytes[$0..<$0 + 4].elementsEqual(separator) } ?? bytes.count
        return Answer(status: UInt(RawSocket.status(of: bytes) ?? 0), body: Array(bytes.dropFirst(end + 4)),
                      protocolHeader: nil, location: nil)
    }
}
