import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import NIOHTTP1
import Testing

/// Every kind of bad input gets a 4xx with its stable code and changes nothing on the server.
@Suite(.tags(.slow)) struct BadInputTests {
    /// A server with one enrolled, logged-in device that has pushed one batch; the state every
    /// bad request must leave as it is.
    struct Fixture: Sendable {
        let server: TestServer
        let device: TestDevice
        let token: String

        func push(_ batches: [[UInt8]], token: String? = nil) async throws -> RawRequest.Answer {
            var request = Huisclos_V1_PushRequest()
            request.batches = batches.map { Data($0) }
            return try await RawRequest.send(server.url, .POST, Endpoint.push, body: request.wireBytes(), token: token ?? self.token)
        }

        /// The council log's head and content.
        func state() async throws -> [[UInt8]] {
            try await server.storage.pull(scope: .council, after: 0, maxBatches: 100, maxBytes: 1_000_000).batches
        }
    }

    func withFixture(_ label: String, _ body: (Fixture) async throws -> Void) async throws {
        try await TestServer.with(label) { server in
            let device = try await TestDevice.enrolled(on: server.url, access: DeviceAccess(readable: [.council, .public], writable: [.council]))
            _ = try await device.client.push([try await device.store.author(scope: .council, body: [1])])
            let fixture = Fixture(server: server, device: device, token: try #require(await device.client.currentToken))
            let before = try await fixture.state()
            try await body(fixture)
            #expect(try await fixture.state() == before, "bad input changed the server's state")
        }
    }

    @Test func malformedBodyIs400Malformed() async throws {
        try await withFixture("malformed") { fixture in
            let answer = try await RawRequest.send(fixture.server.url, .POST, Endpoint.push, body: [0xff, 0xff, 0xff], token: fixture.token)
            #expect(answer.status == 400 && answer.error?.code == .malformed)
            let garbageBatch = try await fixture.push([[0x48, 0x43, 0x42, 0x01, 0x00]])
            #expect(garbageBatch.status == 200)
            let result = try Huisclos_V1_PushResponse(wire: garbageBatch.body, limit: 4096).results.first
            #expect(result?.status == .rejected && result?.code == "malformed")
        }
    }

    @Test func oversizedBodyIs413TooLarge() async throws {
        try await withFixture("oversized") { fixture in
            let answer = try await RawRequest.send(fixture.server.url, .POST, Endpoint.push,
                                                   body: [UInt8](repeating: 0, count: WireLimits.pushRequestBytesMax + 1), token: fixture.token)
            #expect(answer.status == 413 && answer.error?.code == .tooLarge)
            let tooMany = try await fixture.push(Array(repeating: [0], count: WireLimits.pushBatchesMax + 1))
            #expect(tooMany.status == 413 && tooMany.error?.code == .tooLarge)
        }
    }

    @Test func missingOrUnknownProtocolVersionIs426WithTheServersVersion() async throws {
        try await withFixture("version") { fixture in
            // "1": a client of before the trust hardening is told to update; "3": a newer client learns the server is older.
            for version in [nil, "1", "3", "one"] as [String?] {
                let answer = try await RawRequest.send(fixture.server.url, .POST, Endpoint.pull, body: [], version: version, token: fixture.token)
                #expect(answer.status == 426 && answer.error?.code == .unsupportedProtocol)
                #expect(answer.protocolHeader == "2")
                #expect(answer.error?.message.contains("speaks HuisClos protocol 2") == true)
            }
        }
    }

    @Test func unknownBatchFormatVersionIsRejectedAsUnsupportedVersion() async throws {
        try await withFixture("batch-version") { fixture in
            var bytes = try await fixture.device.store.author(scope: .council, body: [2]).encoded
            bytes[3] = 2
            let result = try Huisclos_V1_PushResponse(wire: try await fixture.push([bytes]).body, limit: 4096).results.first
            #expect(result?.code == "unsupportedVersion")
        }
    }

    @Test func forgedSignatureIsRejectedAsBadSignature() async throws {
        try await withFixture("forged") { fixture in
            var bytes = try await fixture.device.store.author(scope: .council, body: [2]).encoded
            bytes[bytes.count - 65] ^= 1  // the body byte, just before the signature
            let result = try Huisclos_V1_PushResponse(wire: try await fixture.push([bytes]).body, limit: 4096).results.first
            #expect(result?.status == .rejected && result?.code == "badSignature")
        }
    }

    @Test func hugeSequenceNumberIsRefusedWithoutTrapping() async throws {
        try await withFixture("huge-sequence") { fixture in
            for sequence in [UInt64(Int64.max) + 1, UInt64.max, UInt64(Int64.max)] {
                let batch = try BatchEnvelope.sign(device: fixture.device.key, scope: .council, epoch: 1, sequence: sequence,
                                                   previousHash: [UInt8](repeating: 1, count: 32), bodyKind: .sealed, body: [1])
                let result = try Huisclos_V1_PushResponse(wire: try await fixture.push([batch.encoded]).body, limit: 4096).results.first
                #expect(result?.status == .rejected && (result?.code == "malformed" || result?.code == "gap"))
            }
        }
    }

    @Test func replayedBatchIsADuplicateNotASecondEntry() async throws {
        try await withFixture("replay") { fixture in
            let first = try await fixture.state()[0]
            let result = try Huisclos_V1_PushResponse(wire: try await fixture.push([first]).body, limit: 4096).results.first
            #expect(result?.status == .duplicate && result?.cursor == 1)
        }
    }

    @Test func wrongScopeIsForbidden() async throws {
        try await withFixture("scope") { fixture in
            let batch = try await fixture.device.store.author(scope: .public, body: [2])
            let result = try Huisclos_V1_PushResponse(wire: try await fixture.push([batch.encoded]).body, limit: 4096).results.first
            #expect(result?.status == .rejected && result?.code == "forbidden")
            var pull = Huisclos_V1_PullRequest()
            pull.scope = "group:budget"
            let answer = try await RawRequest.send(fixture.server.url, .POST, Endpoint.pull, body: pull.wireBytes(), token: fixture.token)
            #expect(answer.status == 403 && answer.error?.code == .forbidden)
            pull.scope = "NOT A SCOPE"
            let invalid = try await RawRequest.send(fixture.server.url, .POST, Endpoint.pull, body: pull.wireBytes(), token: fixture.token)
            #expect(invalid.status == 400 && invalid.error?.code == .malformed)
        }
    }

    @Test func missingOrUnknownTokenIs401Unauthenticated() async throws {
        try await withFixture("token") { fixture in
            let none = try await RawRequest.send(fixture.server.url, .POST, Endpoint.push, body: [])
            #expect(none.status == 401 && none.error?.code == .unauthenticated)
            let unknown = try await fixture.push([], token: String(repeating: "ab", count: 32))
            #expect(unknown.status == 401 && unknown.error?.code == .unauthenticated)
        }
    }

    @Test func revokedDevicesBatchesAreRefusedEvenWhenRelayed() async throws {
        try await withFixture("revoked-relay") { fixture in
            let batch = try await fixture.device.store.author(scope: .council, body: [2])
            _ = try await fixture.server.adminClient().revoke(fixture.device.key.publicKey, adminToken: TestServer.adminToken)
            let own = try await fixture.push([batch.encoded])
            #expect(own.status == 401 && own.error?.code == .deviceRevoked)
            let relay = try await TestDevice.enrolled(on: fixture.server.url)
            let relayed = try await relay.client.push([batch])
            #expect(relayed.first?.status == .rejected && relayed.first?.code == "forbidden")
        }
    }

    @Test func unknownRouteIs404NotFoundWithAJSONBody() async throws {
        try await withFixture("route") { fixture in
            let answer = try await RawRequest.send(fixture.server.url, .GET, "/v1/nothing-here", token: fixture.token)
            #expect(answer.status == 404 && answer.error?.code == .notFound)
        }
    }
}
