import AsyncHTTPClient
import Foundation
import HuisClosServer
import HuisClosTestSupport
import HuisClosWire
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing

/// With a certificate and key, the server speaks HTTPS only.
@Suite(.tags(.slow)) struct TLSTests {
    static let openssl = "/usr/bin/openssl"

    /// A certificate for 127.0.0.1 and its key, made by the openssl tool in `folder`.
    static func selfSignedCertificate(in folder: URL) throws -> TLSFiles {
        let cert = folder.appendingPathComponent("cert.pem").path, key = folder.appendingPathComponent("key.pem").path
        _ = try ChildProcess.run(URL(fileURLWithPath: openssl),
                                 ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"])
        return TLSFiles(certificatePath: cert, privateKeyPath: key)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: openssl), "needs the openssl tool to make a test certificate"))
    func serverWithCertificateAnswersOverTLSOnly() async throws {
        let folder = try TemporaryFolder("tls")
        defer { folder.remove() }
        let tls = try Self.selfSignedCertificate(in: folder.url)
        let server = try await TestServer.start(folder: folder.url) { $0.tls = tls }
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = .makeClientConfiguration()
        configuration.tlsConfiguration?.certificateVerification = .none
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        // `try?`: a failure must still reach `shutdown` below (a client dropped unshut traps).
        let answer = try? await http.execute(HTTPClientRequest(url: "https://127.0.0.1:\(server.port)/healthz"), timeout: .seconds(30))
        #expect(answer?.status == .ok)
        await #expect(throws: (any Error).self) {
            _ = try await http.execute(HTTPClientRequest(url: "http://127.0.0.1:\(server.port)/healthz"), timeout: .seconds(5))
        }
        try await http.shutdown()
        await server.stop()
    }
}
