import HuisClosL10n
import HuisClosProtocol
import HuisClosWire

extension SyncDriver {
    /// Syncs once, then keeps the watch socket open and syncs whenever a poke shows a scope's
    /// head away from the local cursor (ahead: new batches; behind: a relay that lost some, to
    /// repair), until cancelled or the socket ends. `onSync` is told each
    /// sync's report.
    public func watch(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
                      onSync: @escaping @Sendable (SyncReport) async -> Void = { _ in }) async throws {
        await onSync(try await sync(progress: progress))
        try await client.watch { heads in
            var behind = false
            for (scope, head) in heads where try await store.cursor(for: scope).position != head {
                behind = true
            }
            let outboxWaiting = try await !store.outbox().isEmpty
            if behind || outboxWaiting {
                await onSync(try await sync(progress: progress))
            }
        }
    }
}

extension SyncDriver {
    /// Consecutive failed connections after which `watchReconnecting` gives up (with delays
    /// doubling from 1 s up to 60 s, about 1.5 hours of a server that stays unreachable).
    public static let reconnectFailuresMax = 100

    /// `watch`, reconnecting when the socket ends (server restart) or the server is unreachable,
    /// until cancelled, another error (revoked, protocol mismatch…), or `reconnectFailuresMax`
    /// consecutive failures.
    public func watchReconnecting(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
                                  onSync: @escaping @Sendable (SyncReport) async -> Void = { _ in }) async throws {
        var failures = 0
        while failures < Self.reconnectFailuresMax {
            do {
                try await watch(progress: progress, onSync: onSync)
                failures = 0
            } catch let error as APIError where error.code == .unreachable {
                failures += 1
            }
            let delaySeconds = min(60, 1 << min(failures, 6))
            try await Task.sleep(for: .seconds(delaySeconds))
        }
        throw APIError(.unreachable, Text(fr: "le serveur est resté injoignable pendant \(Self.reconnectFailuresMax) tentatives : vérifiez le réseau, puis synchronisez de nouveau",
                                          en: "the server stayed unreachable for \(Self.reconnectFailuresMax) attempts: check the network, then sync again"))
    }
}
