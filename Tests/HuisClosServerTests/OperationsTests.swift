import HuisClosProtocol
import HuisClosServer
import HuisClosTestSupport
import HuisClosWire
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
}
