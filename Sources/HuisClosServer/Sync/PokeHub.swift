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
    }

    private let watchers = Mutex<[UUID: Watcher]>([:])
    private let metrics: ServerMetrics

    init(metrics: ServerMetrics) { self.metrics = metrics }

    /// Registers a socket; its stream ends when `unsubscribe` or `disconnect` is called.
    func subscribe(device: SigningPublicKey, readable: Set<ScopeID>) -> (UUID, AsyncStream<Huisclos_V1_Poke>) {
        let (stream, continuation) = AsyncStream.makeStream(of: Huisclos_V1_Poke.self,
                                                            bufferingPolicy: .bufferingNewest(Self.bufferedPokesMax))
        let id = UUID()
        let count = watchers.withLock { watchers in
            watchers[id] = Watcher(device: device, readable: readable, continuation: continuation)
            return watchers.count
        }
        metrics.watchers(count)
        return (id, stream)
    }

    /// Forgets a socket.
    func unsubscribe(_ id: UUID) {
        let (removed, count) = watchers.withLock { watchers in (watchers.removeValue(forKey: id), watchers.count) }
        removed?.continuation.finish()
        metrics.watchers(count)
    }

    /// Ends every socket of a revoked device.
    func disconnect(_ device: SigningPublicKey) {
        let ids = watchers.withLock { $0.filter { $0.value.device == device }.map(\.key) }
        for id in ids { unsubscribe(id) }
    }

    /// Sends each watcher the new heads of the scopes it reads.
    func publish(_ heads: [ScopeID: UInt64]) {
        guard !heads.isEmpty else { return }
        for watcher in watchers.withLock({ Array($0.values) }) {
            let cursors = heads.filter { watcher.readable.contains($0.key) }.sorted { $0.key < $1.key }
            guard !cursors.isEmpty else { continue }
            watcher.continuation.yield(Self.poke(cursors))
        }
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
