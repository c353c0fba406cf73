import Foundation
import HuisClosL10n
import HuisClosProtocol
import HuisClosWire
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import NIOWebSocket

/// Push, pull and watch (PROTOCOL.md, "Push", "Pull", "Watch").
struct SyncRoutes: Sendable {
    let services: RelayServices

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post(RouterPath(Endpoint.push)) { request, _ in Response.wire(try await push(request)) }
        router.post(RouterPath(Endpoint.pull)) { request, _ in Response.wire(try await pull(request)) }
        // A watch request without the upgrade headers reaches the plain router: authenticate it
        // like any other, then say what is missing.
        router.get(RouterPath(Endpoint.watch)) { request, _ -> Response in
            _ = try await services.authenticator.device(request.headers)
            throw APIError(.malformed, Text(fr: "watch est un point d'accès WebSocket : envoyez les en-têtes de passage (upgrade)",
                                            en: "watch is a WebSocket endpoint: send the upgrade headers"))
        }
    }

    /// The watch socket lives on the WebSocket router (an upgrade, not a plain route). A refusal
    /// is answered like any endpoint's (see `WatchRequestContext`); a device that reads no scope
    /// has nothing to watch (`forbidden`).
    func registerWatch(on router: Router<WatchRequestContext>) {
        let authenticator = services.authenticator
        router.ws(RouterPath(Endpoint.watch), shouldUpgrade: { request, _ in
            let device = try await authenticator.device(request.headers)
            guard !device.access.readable.isEmpty else {
                throw APIError(.forbidden, Text(fr: "cet appareil ne peut lire aucune portée, il n'a donc rien à surveiller : demandez l'accès au secrétariat",
                                                en: "this device may read no scope, so it has nothing to watch: ask the secretariat for access"))
            }
            return .upgrade([:])
        }, onUpgrade: { inbound, outbound, context in
            try await watch(inbound: inbound, outbound: outbound, headers: context.request.headers)
        })
    }

    private func push(_ request: Request) async throws -> Huisclos_V1_PushResponse {
        var request = request
        let device = try await services.authenticator.device(request.headers)
        let message = try await request.message(Huisclos_V1_PushRequest.self, limit: WireLimits.pushRequestBytesMax)
        return try await services.intake.push(message, by: device)
    }

    private func pull(_ request: Request) async throws -> Huisclos_V1_PullResponse {
        var request = request
        let device = try await services.authenticator.device(request.headers)
        let message = try await request.message(Huisclos_V1_PullRequest.self, limit: WireLimits.controlMessageBytesMax)
        let scope = try RelayServices.scope(message.scope)
        try device.requireRead(scope)
        let maxBatches = message.maxBatches == 0 ? WireLimits.pullBatchesMax : min(Int(message.maxBatches), WireLimits.pullBatchesMax)
        let maxBytes = message.maxBytes == 0 ? WireLimits.pullBytesMax : min(Int(message.maxBytes), WireLimits.pullBytesMax)
        let page = try await services.storage.pull(scope: scope, after: message.after, maxBatches: maxBatches, maxBytes: maxBytes)
        services.metrics.pulled(count: page.batches.count)
        var response = Huisclos_V1_PullResponse()
        response.batches = page.batches.map { Data($0) }
        response.receivedAtMs = page.receivedAtMs
        response.cursor = page.cursor
        response.caughtUp = page.caughtUp
        response.head = page.head
        return response
    }

    /// Sends the heads of every readable scope, then each poke, until the client leaves, the
    /// token expires or the device loses its access.
    ///
    /// The token and the device's access are checked again before each poke (a poke for a scope
    /// the device may no longer read is not sent; an expired token or a revoked device ends the
    /// socket) and every `watchRecheckSeconds` when no poke comes.
    private func watch(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, headers: HTTPFields) async throws {
        let authenticator = services.authenticator
        let device = try await authenticator.device(headers)
        let hub = services.hub
        let (id, pokes) = hub.subscribe(device: device.key, readable: device.access.readable)
        let recheck = Duration.seconds(services.configuration.watchRecheckSeconds)
        do {
            // Checked again once subscribed: a revocation that ran between the first check and
            // the subscription has already called `disconnect`, and would otherwise miss this socket.
            _ = try await authenticator.active(device.key)
            let heads = try await services.storage.heads(of: device.access.readable)
            try await outbound.write(.binary(ByteBuffer(bytes: PokeHub.poke(heads.sorted { $0.key < $1.key }).wireBytes())))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await poke in pokes {
                        hub.delivered(id)
                        guard let current = try? await authenticator.device(headers) else { break }
                        let allowed = poke.cursors.filter { (try? ScopeID($0.scope)).map(current.access.readable.contains) == true }
                        guard !allowed.isEmpty else { continue }
                        var checked = Huisclos_V1_Poke()
                        checked.cursors = allowed
                        try await outbound.write(.binary(ByteBuffer(bytes: checked.wireBytes())))
                    }
                    try await outbound.close(.normalClosure, reason: "token expired, access changed, or shutting down")
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: recheck)
                        if (try? await authenticator.device(headers)) == nil { break }
                    }
                    hub.unsubscribe(id)
                }
                for try await _ in inbound {}
                group.cancelAll()
            }
        } catch {
            hub.unsubscribe(id)
            throw error
        }
        hub.unsubscribe(id)
    }
}
