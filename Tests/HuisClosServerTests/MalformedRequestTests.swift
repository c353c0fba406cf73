import Foundation
import HuisClosTestSupport
import Testing

/// A malformed request head, first on its connection or not, gets a 4xx and the connection is
/// closed (issue 15, item 8): nothing stays open and silent.
@Suite(.tags(.slow)) struct MalformedRequestTests {
    /// Sends `bytes` as the first thing on a fresh connection; returns the status and whether the
    /// server closed the connection.
    static func firstRequest(_ bytes: [UInt8], on server: TestServer) async throws -> (status: Int?, closed: Bool) {
        let socket = try await RawSocket.connect(port: server.port)
        socket.send(bytes)
        let (answer, closed) = await socket.readUntilClosed()
        return (RawSocket.status(of: answer), closed)
    }

    static func expectRefused(_ request: String, statuses: Set<Int> = [400], _ label: String) async throws {
        try await TestServer.with("malformed-\(label)") { server in
            let (status, closed) = try await firstRequest(Array(request.utf8), on: server)
            #expect(status.map(statuses.contains) == true, "\(label): status \(String(describing: status))")
            #expect(closed, "\(label): the connection stayed open")
        }
    }

    @Test func garbageFirstLineIsAnswered400AndClosed() async throws {
        try await Self.expectRefused("GARBAGE\r\n\r\n", "garbage")
    }

    @Test func negativeContentLengthIsAnswered400AndClosed() async throws {
        try await Self.expectRefused("POST /v1/pull HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", "negative-length")
    }

    @Test func contentLengthWithChunkedIsAnswered400AndClosed() async throws {
        try await Self.expectRefused(
            "POST /v1/pull HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "length-and-chunked")
    }

    @Test func nulInThePathIsAnswered400AndClosed() async throws {
        try await Self.expectRefused("GET /health\u{0}z HTTP/1.1\r\nHost: x\r\n\r\n", "nul")
    }

    @Test func http2PrefaceIsAnswered400AndClosed() async throws {
        try await Self.expectRefused("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "h2-preface")
    }

    @Test func targetWithoutSlashIsAnswered400AndClosed() async throws {
        try await Self.expectRefused("GET healthz HTTP/1.1\r\nHost: x\r\n\r\n", "no-slash")
    }

    @Test func oversizedHeadIsAnswered431AndClosed() async throws {
        let filler = String(repeating: "a", count: 100 * 1024)
        try await Self.expectRefused("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Filler: \(filler)\r\n\r\n", statuses: [400, 431], "big-head")
    }

    @Test func malformedSecondRequestIsAnswered400AndClosed() async throws {
        try await TestServer.with("malformed-second") { server in
            let request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n"
            let socket = try await RawSocket.connect(port: server.port)
            socket.send(request)
            let (answer, closed) = await socket.readUntilClosed()
            let text = String(decoding: answer, as: UTF8.self)
            #expect(text.contains("HTTP/1.1 400"), "\(text.prefix(300))")
            #expect(closed)
        }
    }
}
