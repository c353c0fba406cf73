import HuisClosProtocol
import HuisClosWire

extension SyncDriver {
    /// Syncs once, then keeps the watch socket open and syncs whenever a poke shows a scope's
    /// head ahead of the local cursor, until cancelled or the socket ends. `onSync` is told each
    /// sync's report.
    public func watch(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
                      onSync: @escaping @Sendable (SyncReport) async -> Void = { _ in }) async throws {
        await onSync(try await sync(progress: progress))
        try await client.watch { heads in
            var behind = false
            for (scope, head) in heads where try await store.cursor(for: scope) < head {
                behind = true
            }
            let outboxWaiting = try await !store.outbox().isEmpty
            if behind || outboxWaiting {
                await onSync(try await sync(progress: progress))
            }
        }
    }
}
