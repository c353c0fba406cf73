import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import NIOHTTP1
import Synchronization
import Testing

/// Live notification over the watch socket (PROTOCOL.md, "Watch").
@Suite(.tags(.slow)) struct WatchTests {
    @Test func secondDeviceIsPokedWithinOneSecondOfAPush() async throws {
        try await TestServer.with("watch") { server in
            let writer = try await TestDevice.enrolled(on: server.url)
            let watcher = try await TestDevice.enrolled(on: server.url)
            let pokes = PokeRecorder()
            let watching = Task { try await watcher.client.watch { heads in pokes.record(heads) } }
            defer { watching.cancel() }
            #expect(try await pokes.wait(for: [.council: 0], seconds: 5), "the first poke lists every readable scope's head")

            // Timed from the push's acknowledgement (the server publishes just before answering),
            // so a loaded machine's slow push round trip does not count against the poke.
            _ = try await writer.client.push([try await writer.store.author(scope: .council, body: [1])])
            #expect(try await pokes.wait(for: [.council: 1], seconds: 1))
        }
    }

    @Test func revokingADeviceClosesItsWatchSocket() async throws {
        try await TestServer.with("watch-revoke") { server in
            let watcher = try await TestDevice.enrolled(on: server.url)
            let pokes = PokeRecorder()
            let watching = Task { try await watcher.client.watch { heads in pokes.record(heads) } }
            #expect(try await pokes.wait(for: [.council: 0], seconds: 5))
            _ = try await server.adminClient().revoke(watcher.key.publicKey, adminToken: TestServer.adminToken)
            let ended = try await withTimeout(seconds: 5) { () async -> Bool in
                _ = try? await watching.value
                return true
            }
            #expect(ended, "the socket closed after the revocation")
        }
    }

    /// A refused upgrade gets the status and JSON error any other endpoint gives, not the
    /// WebSocket library's bare 400 (issue 15, item 9).
    @Test func refusedUpgradesAnswerTheProtocolsJSONErrors() async throws {
        let clock = ManualClock()
        try await TestServer.with("watch-refusals", configure: { $0.clock = clock.serverClock }) { server in
            let reader = try await TestDevice.enrolled(on: server.url)
            let blind = try await TestDevice.enrolled(on: server.url, access: DeviceAccess(readable: [], writable: []))
            let revoked = try await TestDevice.enrolled(on: server.url)
            let expired = try await TestDevice.enrolled(on: server.url)
            for device in [reader, blind, revoked, expired] { _ = try await device.client.login() }
            func token(_ device: TestDevice) async throws -> String { try #require(await device.client.currentToken) }
            let expiredToken = try await token(expired)
            clock.advance(seconds: 3_600)  // past the token lifetime (15 min)…
            for device in [reader, blind, revoked] { _ = try await device.client.login() }  // …for this one only
            _ = try await server.adminClient().revoke(revoked.key.publicKey, adminToken: TestServer.adminToken)

            let cases: [(what: String, answer: RawRequest.Answer, status: UInt, code: APIError.Code)] = [
                ("no token", try await RawRequest.upgrade(port: server.port), 401, .unauthenticated),
                ("unknown token", try await RawRequest.upgrade(port: server.port, token: String(repeating: "ab", count: 32)), 401, .unauthenticated),
                ("expired token", try await RawRequest.upgrade(port: server.port, token: expiredToken), 401, .tokenExpired),
                ("revoked device", try await RawRequest.upgrade(port: server.port, token: try await token(revoked)), 401, .deviceRevoked),
                ("no version", try await RawRequest.upgrade(port: server.port, version: nil, token: try await token(reader)), 426, .unsupportedProtocol),
                ("old version", try await RawRequest.upgrade(port: server.port, version: "1", token: try await token(reader)), 426, .unsupportedProtocol),
                ("no readable scope", try await RawRequest.upgrade(port: server.port, token: try await token(blind)), 403, .forbidden),
                ("no such socket", try await RawRequest.upgrade(port: server.port, "/v1/watch-all", token: try await token(reader)), 404, .notFound),
            ]
            for (what, answer, status, code) in cases {
                #expect(answer.status == status && answer.error?.code == code,
                        "\(what): HTTP \(answer.status) \(String(decoding: answer.body.prefix(200), as: UTF8.self))")
                #expect(answer.protocolHeader == String(ProtocolVersion.current), "\(what)")
            }
            // The refusals left the server serving upgrades.
            let pokes = PokeRecorder()
            let watching = Task { try await reader.client.watch { heads in pokes.record(heads) } }
            defer { watching.cancel() }
            #expect(try await pokes.wait(for: [.council: 0], seconds: 5))
        }
    }

    @Test func watchWithoutTokenIsRefused() async throws {
        try await TestServer.with("watch-refused") { server in
            let upgrade = try await RawRequest.send(server.url, .GET, Endpoint.watch)
            #expect(upgrade.status == 401 && upgrade.error?.code == .unauthenticated)
        }
    }
}

/// The pokes a watch socket received, for polling with a deadline.
final class PokeRecorder: Sendable {
    private let pokes = Mutex<[[ScopeID: UInt64]]>([])

    func record(_ heads: [ScopeID: UInt64]) { pokes.withLock { $0.append(heads) } }

    /// Every poke received so far, in order.
    var received: [[ScopeID: UInt64]] { pokes.withLock { $0 } }

    /// Whether `heads` arrives within `seconds` (polled every 5 ms: a bounded loop).
    func wait(for heads: [ScopeID: UInt64], seconds: Double) async throws -> Bool {
        for _ in 0..<Int(seconds * 200) {
            if pokes.withLock({ $0.contains(heads) }) { return true }
            try await Task.sleep(for: .milliseconds(5))
        }
        return pokes.withLock { $0.contains(heads) }
    }
}

/// Runs `body`, throwing `TimeoutError` if it takes longer than `seconds`.
func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw TimeoutError() }
        return value
    }
}

/// `withTimeout` ran out of time.
struct TimeoutError: Error {}
