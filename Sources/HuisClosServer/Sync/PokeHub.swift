import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosWire
import Synchronization

/// Fans out "this log grew" to the watch sockets of the devices that read the scope.
///
/// Each socket holds an `AsyncStream` of pokes that keeps only the newest few: a poke is a hint
/// carrying a head cursor, so dropping an older one when a client is slow loses nothing.
/// A lock, not an actor: every push publishes, and a lock costs no hop between threads.
final class PokeHub: Sendable {
    /// Pokes buffered per socket before older ones are dropped.
    static let bufferedPokesMax = 16

    private struct Watcher {
        let device: SigningPublicKey
        let readable: Set<ScopeID>
        let continuation: AsyncStream<Huisclos_V1_Poke>.Continuation
        /// Pokes queued for this socket and not yet taken by its writer.
        var pending = 0
    }

    private struct State {
        var watchers: [UUID: Watcher] = [:]
        /// The sum of every watcher's `pending`: the backlog of unsent pokes.
        var pending = 0
    }

    private let state = Mutex(State())
    private let metrics: ServerMetrics
    /// The council whose sockets these are, as the metrics label them.
    private let council: String

    init(metrics: ServerMetrics, council: String) {
        self.metrics = metrics
        self.council = council
    }

    /// Registers a socket; its stream ends when `unsubscribe` or `disconnect` is called.
    func subscribe(device: SigningPublicKey, readable: Set<ScopeID>) -> (UUID, AsyncStream<Huisclos_V1_Poke>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Huisclos_V1_Poke.self,
                                                            bufferingPolicy: .bufferingNewest(Self.bufferedPokesMax))
        let id = UUID()
        let count = state.withLock { state in
            state.watchers[id] = Watcher(device: device, readable: readable, continuation: continuation)
            return state.watchers.count
        }
        metrics.watchers(count, council: council)
        return (id, stream)
    }

    /// Forgets a socket (and the pokes still queued for it).
    func unsubscribe(_ id: UUID) {
        let (removed, count, pending) = state.withLock { state in
            let removed = state.watchers.removeValue(forKey: id)
            state.pending -= removed?.pending ?? 0
            return (removed, state.watchers.count, state.pending)
        }
        removed?.continuation.finish()
        metrics.watchers(count, council: council)
        metrics.pokesPending(pending, council: council)
    }

    /// Notes that socket `id`'s writer took one poke off its queue.
    func delivered(_ id: UUID) {
        let pending = state.withLock { state -> Int in
            if let queued = state.watchers[id]?.pending, queued > 0 {
                state.watchers[id]?.pending = queued - 1
                state.pending -= 1
            }
            return state.pending
        }
        metrics.pokesPending(pending, council: council)
    }

    /// Ends every socket of a revoked device.
    func disconnect(_ device: SigningPublicKey) {
        let ids = state.withLock { $0.watchers.filter { $0.value.device == device }.map(\.key) }
        for id in ids { unsubscribe(id) }
    }

    /// Sends each watcher the new heads of the scopes it reads.
    func publish(_ heads: [ScopeID: UInt64]) {
        guard !heads.isEmpty else { return }
        let pending = state.withLock { state -> Int in
            for (id, watcher) in state.watchers {
                let cursors = heads.filter { watcher.readable.contains($0.key) }.sorted { $0.key < $1.key }
                guard !cursors.isEmpty else { continue }
                // A full queue drops its oldest poke for this one: the backlog stays the same.
                if case .enqueued = watcher.continuation.yield(Self.poke(cursors)) {
                    state.watchers[id]?.pending += 1
                    state.pending += 1
                }
            }
            return state.pending
        }
        metrics.pokesPending(pending, council: council)
    }

    /// A poke message for these heads.
    static func poke(_ heads: [(key: ScopeID, value: UInt64)]) -> Huisclos_V1_Poke {
        var poke = Huisclos_V1_Poke()
        poke.cursors = heads.map { head in
            var cursor = Huisclos_V1_ScopeCursor()
            cursor.scope = head.key.rawValue
            cursor.cursor = head.value
            return cursor
        }
        return poke
    }
}
