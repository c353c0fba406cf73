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
    /// `watch`, reconnecting (`Reconnection`) when the socket ends (server restart) or the server
    /// is unreachable, until cancelled or another error (revoked, protocol mismatch…).
    public func watchReconnecting(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
                                  onSync: @escaping @Sendable (SyncReport) async -> Void = { _ in },
                                  reconnection: Reconnection = Reconnection()) async throws -> Never {
        try await reconnection.run({ try await watch(progress: progress, onSync: onSync) },
                                   transient: { ($0 as? APIError)?.code == .unreachable })
    }
}
