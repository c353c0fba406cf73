import Foundation
import HuisClosProtocol
import HuisClosTestSupport
import HuisClosWire
import Testing

/// One spelling per endpoint and per version, and an early refusal of an announced oversized
/// body (issue 15, item 9).
@Suite struct ProtocolStrictnessTests {
    /// Sends a raw request with the version header (and `token` when given); returns status and body.
    static func raw(_ server: TestServer, _ head: String, version: String = String(ProtocolVersion.current), token: String? = nil,
                    extra: String = "") async throws -> (status: Int?, text: String) {
        let socket = try await RawSocket.connect(port: server.port)
        let auth = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        socket.send("\(head) HTTP/1.1\r\nHost: x\r\nHuisClos-Protocol: \(version)\r\n\(auth)\(extra)Connection: close\r\n\r\n")
        let answer = await socket.readUntilClosed().bytes
        return (RawSocket.status(of: answer), String(decoding: answer, as: UTF8.self))
    }

    @Test func emptySegmentsAndTrailingSlashesAreNotServed() async throws {
        try await TestServer.with("strict-paths") { server in
            for path in ["//v1/pull", "/v1/pull/", "/v1//push", "//healthz"] {
                let (status, text) = try await Self.raw(server, "POST \(path)", extra: "Content-Length: 0\r\n")
                #expect(status == 404 && text.contains("notFound"), "\(path): \(text.prefix(200))")
            }
        }
    }

    @Test func protocolVersionIsMatchedExactly() async throws {
        try await TestServer.with("strict-version") { server in
            for version in ["0\(ProtocolVersion.current)", "+\(ProtocolVersion.current)", "\(ProtocolVersion.current).0"] {  // the current version, spelt loosely
                let (status, text) = try await Self.raw(server, "POST \(Endpoint.pull)", version: version, extra: "Content-Length: 0\r\n")
                #expect(status == 426 && text.contains("unsupportedProtocol"), "\(version): \(text.prefix(200))")
            }
        }
    }

    @Test func announcedOversizedBodyIsRefusedBeforeItIsSent() async throws {
        try await TestServer.with("early-413") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            try await device.client.login()
            let token = try #require(await device.client.currentToken)
            let announced = WireLimits.pushRequestBytesMax + 1
            // Only the head is sent: the answer must come without waiting for the body.
            let (status, text) = try await Self.raw(server, "POST \(Endpoint.push)", token: token, extra: "Content-Length: \(announced)\r\n")
            #expect(status == 413 && text.contains("tooLarge"), "\(text.prefix(200))")
        }
    }
}
