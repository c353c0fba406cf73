import HTTPTypes
import HuisClosL10n
import HuisClosProtocol
import HuisClosWire
import Hummingbird

extension HTTPField.Name {
    /// The bench-only raw page's last position.
    static let benchCursor = HTTPField.Name("Bench-Cursor")!
    /// The bench-only raw page's log head.
    static let benchHead = HTTPField.Name("Bench-Head")!
}

/// Health, readiness and (when configured for the benchmark) raw downloads that set its floor.
struct OperationsRoutes: Sendable {
    let services: RelayServices
    /// The storages whose damage `/readyz` reports: every council's at the root, one council's under its prefix.
    let storages: [StorageHealth]

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get(RouterPath(Endpoint.health)) { _, _ in Response.bytes(Array("ok\n".utf8), contentType: "text/plain") }
        // Ready: the process answers (as /healthz) and its storage is not known to be damaged.
        router.get(RouterPath(Endpoint.ready)) { [storages] _, _ in Self.readiness(storages.flatMap(\.problems)) }
        guard services.configuration.benchEndpoints else { return }
        // The benchmark's floor: the same stored bytes, no protocol, no authentication.
        router.get("/bench/raw/scopes/:scope/:after") { _, context in
            try await rawPage(scope: context.parameters.get("scope") ?? "", after: context.parameters.get("after") ?? "")
        }
        router.get("/bench/raw/chunks/:hash") { _, context in
            try await rawChunk(hash: context.parameters.get("hash") ?? "")
        }
    }

    /// 200 `ready`, or 503 `internal` naming the damage and what to do.
    static func readiness(_ problems: [String]) -> Response {
        guard !problems.isEmpty else { return Response.bytes(Array("ready\n".utf8), contentType: "text/plain") }
        // No detail here (it is unauthenticated: paths, member ids and scope names stay in the log
        // lines and in `huisclos-server check`); only the count.
        var response = APIError(.internal, Text(fr: "le stockage du serveur est endommagé ou ne peut pas être vérifié (\(problems.count) problème(s), nommés dans le journal du serveur) : le secrétariat doit lancer huisclos-server check et corriger ce qu'il nomme (restaurer le dossier de données depuis la dernière sauvegarde s'il est endommagé)",
                                                en: "the server's storage is damaged or cannot be checked (\(problems.count) problem(s), named in the server's log): the secretariat must run huisclos-server check and fix what it names (restore the data folder from the last backup when damaged)")).response
        response.status = .serviceUnavailable
        return response
    }

    // Kept out of the route closures: the release compiler (6.3.1) crashed splitting the
    // coroutine of a generic closure that built and mutated the response inline.
    private func rawPage(scope: String, after: String) async throws -> Response {
        let page = try await services.storage.pull(scope: try RelayServices.scope(scope), after: UInt64(after) ?? 0,
                                                   maxBatches: WireLimits.pullBatchesMax, maxBytes: WireLimits.pullBytesMax)
        var response = Response.bytes(page.batches.flatMap { $0 }, contentType: "application/octet-stream")
        response.headers[.benchCursor] = String(page.cursor)
        response.headers[.benchHead] = String(page.head)
        return response
    }

    private func rawChunk(hash: String) async throws -> Response {
        let bytes = try await services.storage.chunk(hash: Hex.decode(hash) ?? [])
        return Response.bytes(bytes ?? [], contentType: "application/octet-stream")
    }
}
