import Foundation
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// Connections exhausted by many addresses (issue 14): clients spread over many source addresses,
/// each under the per-address bound, fill every connection the relay allows with idle sockets. A
/// new connection then closes the one idle the longest instead of being refused, so `/healthz`
/// answers at once and a device still syncs; a connection in use or upgraded to a watch socket is
/// never the one closed.
@Suite(.serialized) struct ConnectionExhaustionTests {
    /// A GET of `/healthz` on a socket from `source`: its status (nil when closed without an answer) and time.
    static func healthz(port: Int, source: String) async throws -> (status: Int?, took: Duration) {
        let start = ContinuousClock.now
        let probe = try await RawSocket.connect(port: port, source: source, timeoutSeconds: 10)
        probe.send("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let (answer, _) = await probe.readUntilClosed()
        return (RawSocket.status(of: answer), ContinuousClock.now - start)
    }

    /// `count` idle sockets from each of `addresses` loopback addresses (127.0.1.1, 127.0.1.2, …),
    /// each having sent one complete request and got its answer (or been closed to make room):
    /// such a socket is held open for the idle timeout (120 s), as a keep-alive client's would be.
    /// The answers are awaited so that the sockets are idle, not requests still in progress, when
    /// the test goes on: in the parallel suite the relay's answers wait seconds for a thread (the
    /// tests share its concurrency pool), and a connection serving a request is never closed for room.
    static func idleSockets(port: Int, addresses: Int, count: Int) async throws -> [RawSocket] {
        try await withThrowingTaskGroup(of: [RawSocket].self) { group in
            for address in 1...addresses {
                group.addTask {
                    let sockets = try await RawSocket.open(count, port: port, source: "127.0.\(1 + address / 250).\(address % 250 + 1)",
                                                           timeoutSeconds: 30)
                    for socket in sockets { socket.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n") }
                    return sockets
                }
            }
            let sockets = try await group.reduce(into: []) { $0 += $1 }
            // On one thread: each blocked dispatch thread is one fewer for the relay's tasks (the
            // pool grows only slowly), and sixteen waiting at once held every answer back 15 s.
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    for socket in sockets { _ = socket.firstBytes() }
                    continuation.resume()
                }
            }
            return sockets
        }
    }

    @Test func idleSocketsFromManyAddressesLeaveRoomForHealthzAndADevice() async throws {
        try await TestServer.with("exhaustion", configure: {
            $0.quotas.connectionsMax = 48
            $0.quotas.connectionsPerAddressMax = 4
            $0.metricsAddress = RelayLimitsTests.metricsAddress
        }) { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let watcher = try await TestDevice.enrolled(on: server.url)
            let pokes = PokeRecorder()
            let watching = Task { try await watcher.client.watch { heads in pokes.record(heads) } }
            defer { watching.cancel() }
            #expect(try await pokes.wait(for: [.council: 0], seconds: 10))

            // 16 addresses × 4 idle sockets: more than every connection the relay allows.
            let idle = try await Self.idleSockets(port: server.port, addresses: 16, count: 4)
            let evicted = try await RelayLimitsTests.metric(server, #"huisclos_connections_refused_total{reason="idleEvicted"}"#)
            let probe = try await Self.healthz(port: server.port, source: "127.0.0.2")
            #expect(probe.status == 200, "healthz refused while idle sockets hold every connection")
            // Loose here (the parallel suite loads both cores: 3.4 s seen); the run-alone test below times it.
            #expect(probe.took < .seconds(10), "healthz took \(probe.took)")

            // A new client: its pool holds no connection, so it logs in and pushes over new ones.
            let fresh = device.reconnected(to: server.url)
            let results = try await fresh.client.push([try await fresh.store.author(scope: .council, body: [1])])
            #expect(results.map(\.status) == [.accepted], "a device still logs in and pushes")
            #expect(try await pokes.wait(for: [.council: 1], seconds: 10), "the watch socket was not closed to make room")

            #expect(try await RelayLimitsTests.metric(server, #"huisclos_connections_refused_total{reason="idleEvicted"}"#) > evicted,
                    "an idle socket was closed to make room for the probe")
            withExtendedLifetime(idle) {}
        }
    }

    /// With the default bounds (4,096 connections, 256 per address), 1,100 addresses holding 4
    /// idle sockets each (more than the relay allows), against the built `huisclos-server` in its
    /// own process; the device enrols after the fill, so every connection it needs must be made
    /// room for. Run alone (`HUISCLOS_ALONE=1`, as `scripts/test.sh` does): 4,400 sockets take
    /// this process far past 1,024 descriptors (see
    /// `RelayLimitsTests.idleConnectionsAreBoundedAndClosedWhileHealthzStaysFast`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUISCLOS_ALONE"] == "1", "run alone by scripts/test.sh"))
    func thousandsOfAddressesHoldingIdleSocketsLeaveRoomForHealthzAndADevice() async throws {
        let folder = try TemporaryFolder("exhaustion-alone")
        defer { folder.remove() }
        let server = try await ServerProcess.start(folder: folder.url)
        do {
            let idle = try await Self.idleSockets(port: server.port, addresses: 1_100, count: 4)
            // The first probe waits while the relay answers the 4,400 requests; the second is timed.
            let first = try await Self.healthz(port: server.port, source: "127.0.0.2")
            #expect(first.status == 200, "healthz refused while idle sockets hold every connection")
            let probe = try await Self.healthz(port: server.port, source: "127.0.0.2")
            #expect(probe.status == 200 && probe.took < .seconds(2), "healthz: \(probe.status.map(String.init) ?? "no answer") in \(probe.took)")
            let device = try await TestDevice.enrolled(on: server.url)
            let results = try await device.client.push([try await device.store.author(scope: .council, body: [1])])
            #expect(results.map(\.status) == [.accepted], "a device enrols and pushes")
            print("4,400 idle sockets from 1,100 addresses: first healthz in \(first.took), then \(probe.took)")
            withExtendedLifetime(idle) {}
        } catch {
            await server.terminate()
            throw error
        }
        await server.terminate()
    }
}
