import Foundation
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Logging
import NIOHTTP1
import Testing

/// Health and Prometheus metrics (on the metrics address) need no version header and count what happened.
@Suite(.tags(.slow)) struct OperationsTests {
    @Test func healthAndMetricsAnswerAndCountPushes() async throws {
        try await TestServer.with("ops", configure: { $0.metricsAddress = ListenAddress(host: "127.0.0.1", port: 0) }) { server in
            let health = try await RawRequest.send(server.url, .GET, Endpoint.health, version: nil)
            #expect(health.status == 200 && String(decoding: health.body, as: UTF8.self) == "ok\n")
            let device = try await TestDevice.enrolled(on: server.url)
            _ = try await device.client.push([try await device.store.author(scope: .council, body: [1])])
            let metrics = String(decoding: try await RawRequest.send(try #require(server.metricsURL), .GET, Endpoint.metrics, version: nil).body, as: UTF8.self)
            #expect(metrics.contains(#"huisclos_batches_pushed_total{outcome="accepted"} 1"#))
            #expect(metrics.contains(#"huisclos_http_requests_total{route="/v1/push",status="200"} 1"#))
            #expect(!metrics.contains(TestServer.adminToken), "no secret in the metrics")
        }
    }

    /// `--log-format json`: every line the relay writes is one JSON object with its time, level,
    /// label and message, metadata beside them, and no secret (issue 14, item 4).
    @Test func jsonLogLinesOnRequest() async throws {
        let folder = try TemporaryFolder("json-logs")
        defer { folder.remove() }
        let log = folder.url.appendingPathComponent("relay.log")
        let server = try await ServerProcess.start(folder: folder.url.appendingPathComponent("data"), logFile: log,
                                                   arguments: ["--log-format", "json"])
        let device = try await TestDevice.enrolled(on: server.url)
        _ = try await device.client.push([try await device.store.author(scope: .council, body: [1])])
        await server.terminate()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 3, "the relay logged its start and requests: \(lines.count) lines")
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["time"] is String && object?["level"] is String && object?["message"] is String, "\(line)")
        }
        #expect(lines.contains { $0.contains(#""route":"/v1/push""#) }, "request lines carry their metadata as fields")
        #expect(!lines.contains { $0.contains(TestServer.adminToken) })
    }

    @Test func aJSONLogLineKeepsItsFixedKeysFromMetadata() throws {
        let line = JSONLogHandler.line(time: Date(timeIntervalSince1970: 1_800_000_000), level: .warning, label: "huisclos-server",
                                       message: "storage \"damaged\"", metadata: ["message": "spoof", "council": "est"])
        #expect(line == #"{"council":"est","label":"huisclos-server","level":"warning","message":"storage \"damaged\"","meta.message":"spoof","time":"2027-01-15T08:00:00.000Z"}"#)
    }
}
