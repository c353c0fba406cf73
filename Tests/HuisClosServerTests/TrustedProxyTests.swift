import Foundation
import HuisClosCrypto
import HuisClosHTTPGuard
@testable import HuisClosServer
import HuisClosTestSupport
import HuisClosWire
import Testing

/// Behind a reverse proxy (issue 14, TRUST.md): every client arrives from the proxy's address, so
/// without `--trusted-proxies` the per-address limits count all of them as one client (one
/// guesser then blocks every enrolment behind the proxy) and the per-address connection bound
/// caps the proxy. A trusted proxy's `X-Forwarded-For` names the client; anyone else's is ignored.
@Suite(.serialized, .tags(.slow)) struct TrustedProxyTests {
    static func wrongCode(_ server: TestServer, from source: String, forwardedFor: String?) async throws -> UInt {
        var request = Huisclos_V1_EnrolRequest()
        request.code = "AAAA-BBBB-CCCC-DDDD"
        request.signingKey = Data(try SigningKeyPair.generate().publicKey.bytes)
        return try await RawRequest.post(port: server.port, source: source, Endpoint.enrol, body: request.wireBytes(),
                                         headers: forwardedFor.map { [("X-Forwarded-For", $0)] } ?? []).status
    }

    /// A relay trusting the proxy 127.0.0.3, allowing 3 wrong enrolment codes per client and hour.
    static func behindProxy(_ label: String, _ body: (TestServer) async throws -> Void) async throws {
        let proxies = try TrustedProxies(parsing: "127.0.0.3")
        try await TestServer.with(label, configure: {
            $0.quotas.rateWindowSeconds = 3_600
            $0.quotas.failedEnrolmentsPerAddressPerWindowMax = 3
            $0.trustedProxies = proxies
        }, body)
    }

    @Test func aTrustedProxysClientsAreLimitedEachOnItsOwn() async throws {
        try await Self.behindProxy("proxy-trusted") { server in
            var guesser: [UInt] = []
            for _ in 0..<4 { guesser.append(try await Self.wrongCode(server, from: "127.0.0.3", forwardedFor: "203.0.113.7")) }
            #expect(guesser == [401, 401, 401, 429], "the guessing client behind the proxy is limited")
            #expect(try await Self.wrongCode(server, from: "127.0.0.3", forwardedFor: "203.0.113.8") == 401, "another client behind it is not")
            // What a client writes itself comes first in the header: only the proxy's own entry, the last, is believed.
            #expect(try await Self.wrongCode(server, from: "127.0.0.3", forwardedFor: "203.0.113.9, 203.0.113.7") == 429)
        }
    }

    @Test func anUntrustedSendersForwardedForIsIgnored() async throws {
        try await Self.behindProxy("proxy-untrusted") { server in
            var statuses: [UInt] = []
            for index in 0..<4 { statuses.append(try await Self.wrongCode(server, from: "127.0.0.4", forwardedFor: "203.0.113.\(index)")) }
            #expect(statuses == [401, 401, 401, 429], "a client naming other clients in the header is still itself")
        }
    }

    @Test func aTrustedProxyIsNotCappedPerAddress() throws {
        let counter = ConnectionCounter(totalMax: 100, perAddressMax: 2, proxies: try TrustedProxies(parsing: "127.0.0.3, ::1"))
        #expect((0..<5).allSatisfy { _ in counter.accepts("127.0.0.3") }, "the proxy carries many clients' connections")
        #expect(counter.accepts("127.0.0.4") && counter.accepts("127.0.0.4") && !counter.accepts("127.0.0.4"))
        #expect(counter.accepts("::1") && counter.accepts("::1") && counter.accepts("::1"))
    }

    @Test func theSettingIsAListOfAddresses() throws {
        #expect(try TrustedProxies(parsing: " 10.0.0.5 ,2001:db8::1").trusts("2001:db8::1"))
        #expect(throws: SettingsError.self) { try TrustedProxies(parsing: "10.0.0.0/8") }
        #expect(throws: SettingsError.self) { try TrustedProxies(parsing: "proxy.example.org") }
    }
}
