import Foundation
import HTTPTypes
import Hummingbird
import HuisClosServer
import HuisClosSync
import HuisClosWire
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1

/// The real relay — its SQLite storage in a data folder and its router with every endpoint's
/// handling — called in this process without sockets: a request goes straight to the router's
/// responder and its answer comes back whole. Restarting builds a new one on the same folder.
final class InProcessRelay: Sendable {
    /// The admin token every simulated relay is configured with.
    static let adminToken = "simulation-admin-token-0123456789"

    /// Where its data lives.
    let folder: URL
    private let respond: @Sendable (Request) async throws -> Response

    /// Opens the relay whose data lives in `folder`, with `clock` as its clock.
    init(folder: URL, clock: ServerClock) async throws {
        self.folder = folder
        let logger = Logger(label: "huisclos-simulation-relay") { _ in SwiftLogNoOpLogHandler() }
        let configuration = ServerConfiguration(dataFolder: folder, adminToken: Self.adminToken, clock: clock, logLevel: .critical)
        let server = try RelayServer(configuration: configuration, logger: logger)
        respond = try await Self.responder(of: try server.application(), logger: logger)
    }

    /// The router's responder of `application`, each request given a fresh context.
    private static func responder<App: ApplicationProtocol>(of application: App, logger: Logger) async throws
        -> @Sendable (Request) async throws -> Response
    {
        let responder = try await application.responder
        return { request in
            let context = App.Context(source: ApplicationRequestContextSource(channel: NIOAsyncTestingChannel(), logger: logger))
            return try await responder.respond(to: request, context: context)
        }
    }

    /// Handles `request` as the relay's HTTP server would, and returns its answer.
    func handle(_ request: RelayRequest) async throws -> RelayResponse {
        var fields = HTTPFields()
        for (name, value) in request.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        let body = request.body ?? []
        if request.body != nil { fields[.contentLength] = String(body.count) }
        let head = HTTPRequest(method: HTTPRequest.Method(request.method.rawValue) ?? .get, scheme: "http",
                               authority: "relay.simulation", path: request.path, headerFields: fields)
        let response = try await respond(Request(head: head, body: RequestBody(buffer: ByteBuffer(bytes: body))))
        let collected = CollectedBody()
        try await response.body.write(BodyCollector(into: collected))
        return RelayResponse(status: UInt(response.status.code), body: collected.bytes) { name in
            HTTPField.Name(name).flatMap { response.headers[$0] }
        }
    }
}

/// A response body's bytes as the relay wrote them.
private final class CollectedBody {
    var bytes: [UInt8] = []
}

/// Writes a response body into a `CollectedBody`.
private struct BodyCollector: ResponseBodyWriter {
    let into: CollectedBody

    mutating func write(_ buffer: ByteBuffer) async throws { into.bytes += buffer.readableBytesView }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
