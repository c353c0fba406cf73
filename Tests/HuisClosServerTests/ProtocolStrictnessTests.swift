import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// One spelling per endpoint, per version, per media type and per hash; an early refusal of an
/// announced oversized body; a deadline for every body (issue 15, item 9).
@Suite(.tags(.slow)) struct ProtocolStrictnessTests {
    /// Sends a raw request with the version header (and `token` when given); returns status and body.
    static func raw(_ server: TestServer, _ head: String, version: String = String(ProtocolVersion.current), token: String? = nil,
                    extra: String = "", body: [UInt8] = []) async throws -> (status: Int?, text: String) {
        let socket = try await RawSocket.connect(port: server.port)
        let auth = token.map { "Authorization: Bearer \($0)\r\n" } ?? ""
        socket.send("\(head) HTTP/1.1\r\nHost: x\r\nHuisClos-Protocol: \(version)\r\n\(auth)\(extra)Connection: close\r\n\r\n")
        socket.send(body)
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

    /// A logged-in device's token.
    static func token(_ server: TestServer) async throws -> (TestDevice, String) {
        let device = try await TestDevice.enrolled(on: server.url)
        try await device.client.login()
        return (device, try #require(await device.client.currentToken))
    }

    /// A pull of the council scope, as a body.
    static let pullBody: [UInt8] = {
        var pull = Huisclos_V1_PullRequest()
        pull.scope = ScopeID.council.rawValue
        return pull.wireBytes()
    }()

    @Test func bodyDeclaredAsAnotherMediaTypeIsRefused415() async throws {
        try await TestServer.with("strict-media-type") { server in
            let (device, token) = try await Self.token(server)
            let length = "Content-Length: \(Self.pullBody.count)\r\n"
            for type in ["application/json", "text/plain", "application/x-www-form-urlencoded", "application/octet-stream", "application/x-protobufx"] {
                let (status, text) = try await Self.raw(server, "POST \(Endpoint.pull)", token: token, extra: "Content-Type: \(type)\r\n\(length)",
                                                        body: Self.pullBody)
                #expect(status == 415 && text.contains("unsupportedMediaType"), "\(type): \(text.prefix(300))")
            }
            // The type compared as HTTP says (case-insensitive, parameters aside); none sent is the endpoint's.
            for type in ["application/x-protobuf", "Application/X-Protobuf", "application/x-protobuf; proto=huisclos.v1.PullRequest", nil] {
                let (status, text) = try await Self.raw(server, "POST \(Endpoint.pull)", token: token,
                                                        extra: (type.map { "Content-Type: \($0)\r\n" } ?? "") + length, body: Self.pullBody)
                #expect(status == 200, "\(type ?? "none"): \(text.prefix(300))")
            }
            // A chunk is raw bytes.
            let chunk: [UInt8] = [1, 2, 3]
            var manifest = Huisclos_V1_FileManifest()
            manifest.fileID = "abc"
            manifest.scope = ScopeID.council.rawValue
            manifest.chunkHashes = [Data(Hash.blake2b(chunk))]
            manifest.totalSize = 3
            _ = try await device.client.declare(manifest)
            let put = "PUT \(Endpoint.chunk(file: "abc", hash: Hash.blake2b(chunk)))"
            let (refused, text) = try await Self.raw(server, put, token: token, extra: "Content-Type: application/x-protobuf\r\nContent-Length: 3\r\n", body: chunk)
            #expect(refused == 415 && text.contains("unsupportedMediaType"), "\(text.prefix(300))")
            let (stored, _) = try await Self.raw(server, put, token: token, extra: "Content-Type: application/octet-stream\r\nContent-Length: 3\r\n", body: chunk)
            #expect(stored == 204)
        }
    }

    @Test func upperCaseHexIsRefused() async throws {
        try await TestServer.with("strict-hex") { server in
            let (device, token) = try await Self.token(server)
            let length = "Content-Length: \(Self.pullBody.count)\r\n"
            let (lower, _) = try await Self.raw(server, "POST \(Endpoint.pull)", token: token, extra: length, body: Self.pullBody)
            #expect(lower == 200)
            let (upper, text) = try await Self.raw(server, "POST \(Endpoint.pull)", token: token.uppercased(), extra: length, body: Self.pullBody)
            #expect(upper == 401 && text.contains("unauthenticated"), "the bearer token: \(text.prefix(300))")

            let chunk: [UInt8] = [4, 5, 6]
            let hash = Hash.blake2b(chunk)
            var manifest = Huisclos_V1_FileManifest()
            manifest.fileID = "def"
            manifest.scope = ScopeID.council.rawValue
            manifest.chunkHashes = [Data(hash)]
            manifest.totalSize = 3
            _ = try await device.client.declare(manifest)
            try await device.client.upload(chunk: chunk, hash: hash, file: try FileID("def"))
            let path = "/v1/files/def/chunks/\(Hex.encode(hash).uppercased())"
            for head in ["GET \(path)", "PUT \(path)"] {
                let (status, text) = try await Self.raw(server, head, token: token,
                                                        extra: "Content-Type: application/octet-stream\r\nContent-Length: 3\r\n", body: chunk)
                #expect(status == 400 && text.contains("malformed"), "\(head): \(text.prefix(300))")
            }
        }
    }

    /// A body trickled in must not hold a connection for ever: the deadline for a body is a floor
    /// plus its announced size at a minimum rate (2 s and a fast rate here, so the test is short).
    @Test func aBodyTrickledInIsCutAtItsDeadline() async throws {
        try await TestServer.with("body-deadline", configure: {
            $0.quotas.requestBodySecondsMin = 2
            $0.quotas.requestBodyBytesPerSecondMin = 1_000_000
        }) { server in
            // Enrolment and login send their bodies at once: served under the same deadline.
            let (_, token) = try await Self.token(server)
            let socket = try await RawSocket.connect(port: server.port, timeoutSeconds: 10)
            socket.send("POST \(Endpoint.pull) HTTP/1.1\r\nHost: x\r\nHuisClos-Protocol: \(ProtocolVersion.current)\r\n"
                + "Authorization: Bearer \(token)\r\nContent-Type: application/x-protobuf\r\nContent-Length: 1000\r\n\r\n")
            let start = ContinuousClock.now
            // One byte every 250 ms for 10 s (sent while the read below waits; the socket allows one
            // sender and one reader at a time).
            let trickle = Task {
                for _ in 0..<40 {
                    try await Task.sleep(for: .milliseconds(250))
                    socket.send([0x0a])
                }
            }
            let (_, closed) = await socket.readUntilClosed()
            trickle.cancel()
            let elapsed = ContinuousClock.now - start
            #expect(closed, "the connection was still open after \(elapsed)")
            #expect(elapsed < .seconds(6), "closed after \(elapsed)")
        }
    }
}
