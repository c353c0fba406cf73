public import NIOCore
public import NIOHTTP1

/// What a guarded server does with the connections it closes or refuses: the deadline for a
/// first request head, where each refusal is counted, and the answer to a head that does not parse
/// (the relay's JSON error, the app's page).
public struct ConnectionPolicy: Sendable {
    /// How long a new connection has to send its first complete request head.
    public let headTimeout: TimeAmount
    /// Counts a refusal by reason: `tooMany`, `idleEvicted`, `headTimeout`, `malformed`.
    public let refused: @Sendable (_ reason: String) -> Void
    /// The answer to a first request head that does not parse (`oversized`: over the decoder's bounds).
    public let malformed: @Sendable (_ oversized: Bool) -> HTTPRefusal

    public init(headTimeout: TimeAmount, refused: @escaping @Sendable (_ reason: String) -> Void,
                malformed: @escaping @Sendable (_ oversized: Bool) -> HTTPRefusal) {
        self.headTimeout = headTimeout
        self.refused = refused
        self.malformed = malformed
    }
}

/// An answer written by the guard itself, after which the connection closes.
public struct HTTPRefusal: Sendable {
    public let status: HTTPResponseStatus
    /// Its header fields (`Content-Length` and `Connection: close` are added).
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public init(status: HTTPResponseStatus, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The answer's head: its status and fields, `Content-Length` and `Connection: close`.
    public var head: HTTPResponseHead {
        var head = HTTPResponseHead(version: .http1_1, status: status)
        for field in headers { head.headers.add(name: field.name, value: field.value) }
        head.headers.add(name: "Content-Length", value: String(body.count))
        head.headers.add(name: "Connection", value: "close")
        return head
    }
}
