import HTTPTypes
import Hummingbird
import HuisClosProtocol
import HuisClosWire

extension HTTPField.Name {
    /// The bench-only raw page's last position.
    static let benchCursor = HTTPField.Name("Bench-Cursor")!
    /// The bench-only raw page's log head.
    static let benchHead = HTTPField.Name("Bench-Head")!
}

/// Health, metrics and (when configured for the benchmark) raw downloads that set its floor.
struct OperationsRoutes: Sendable {
    let services: RelayServices

    func register<Context: RequestContext>(on router: Router<Context>) {
        let metrics = services.metrics
        router.get(RouterPath(Endpoint.health)) { _, _ in Response.bytes(Array("ok\n".utf8), contentType: "text/plain") }
        router.get(RouterPath(Endpoint.metrics)) { _, _ in
            Response.bytes(metrics.exposition(), contentType: "text/plain; version=0.0.4")
        }
        guard services.configuration.benchEndpoints else { return }
        let storage = services.storage
        // The benchmark's floor: the same stored bytes, no protocol, no authentication.
        router.get("/bench/raw/scopes/:scope/:after") { _, context in
            let scope = try RelayServices.scope(context.parameters.get("scope") ?? "")
            let after = UInt64(context.parameters.get("after") ?? "") ?? 0
            let page = try await storage.pull(scope: scope, after: after, maxBatches: WireLimits.pullBatchesMax,
                                              maxBytes: WireLimits.pullBytesMax)
            var response = Response.bytes(page.batches.flatMap { $0 }, contentType: "application/octet-stream")
            response.headers[.benchCursor] = String(page.cursor)
            response.headers[.benchHead] = String(page.head)
            return response
        }
        router.get("/bench/raw/chunks/:hash") { _, context in
            guard let hash = Hex.decode(context.parameters.get("hash") ?? ""),
                  let bytes = try await storage.chunk(hash: hash)
            else { throw APIError(.notFound, "no such chunk") }
            return Response.bytes(bytes, contentType: "application/octet-stream")
        }
    }
}
