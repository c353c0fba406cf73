import Synchronization

/// Open connections, in all and per client (the key the server gives a client's address: the
/// relay's IPv4 address or IPv6 /64; none for a client bounded in all only).
///
/// At the bound in all, a new connection closes the open one idle the longest — no request in
/// progress, not a watch socket — instead of being refused: clients holding idle sockets (from
/// many addresses, each under its own bound, or all from loopback) could otherwise fill every
/// connection and lock out everyone else. An idle socket then lives only until newer connections
/// need its place; a connection serving a request or watching is never closed for room, and is
/// refused only when every connection is in use.
public final class ConnectionCounter: Sendable {
    /// One open connection.
    private struct Connection {
        /// Closes it (its channel's `close`).
        let close: @Sendable () -> Void
        let key: String?
        /// The activity tick it last became idle at (the lowest is idle the longest); nil while a
        /// request is in progress or once it is a watch socket.
        var idleSince: UInt64?
    }

    private struct Counts {
        var total = 0
        var byKey: [String: Int] = [:]
        var open: [UInt64: Connection] = [:]
        /// Numbers connections and orders their idle moments.
        var tick: UInt64 = 0
        /// The most connections open at once since memory was last handed back.
        var peak = 0
        /// True from a release after a burst until the count next reaches zero (released again then).
        var releasedInBurst = false

        /// Forgets connection `id` (closed, or closed for room) from the counts.
        mutating func remove(_ id: UInt64) -> Bool {
            guard let connection = open.removeValue(forKey: id) else { return false }
            total -= 1
            guard let key = connection.key else { return true }
            let left = byKey[key, default: 1] - 1
            byKey[key] = left > 0 ? left : nil
            return true
        }
    }

    private let counts = Mutex(Counts())
    private let totalMax: Int
    private let perKeyMax: Int
    private let memoryReleaseMin: Int?
    /// The key a client's address counts against; nil: bounded in all only.
    private let key: @Sendable (_ address: String?) -> String?

    /// At most `totalMax` connections, `perKeyMax` per client `key`; once a peak of at least
    /// `memoryReleaseMin` connections (nil: never) has fallen to a quarter, their memory is handed back.
    public init(totalMax: Int, perKeyMax: Int, memoryReleaseMin: Int?, key: @escaping @Sendable (_ address: String?) -> String?) {
        precondition(totalMax > 0 && perKeyMax > 0, "a server accepts some connections")
        self.totalMax = totalMax
        self.perKeyMax = perKeyMax
        self.memoryReleaseMin = memoryReleaseMin
        self.key = key
    }

    /// Counts a new connection from `address` (closed by `close`): its id, and the closing of the
    /// idle connection that makes room for it when the bound in all is reached (the caller runs
    /// it); nil, counting nothing, when its address is at its bound or every connection is in use.
    public func open(address: String?, close: @escaping @Sendable () -> Void) -> (id: UInt64, evict: (@Sendable () -> Void)?)? {
        let key = self.key(address)
        return counts.withLock { counts in
            guard key.map({ counts.byKey[$0, default: 0] < perKeyMax }) ?? true else { return nil }
            var evict: (@Sendable () -> Void)?
            if counts.total >= totalMax {
                // A linear scan, only at the bound: a few thousand entries, once per connection over it.
                guard let oldest = counts.open.filter({ $0.value.idleSince != nil }).min(by: { $0.value.idleSince! < $1.value.idleSince! })
                else { return nil }
                evict = oldest.value.close
                _ = counts.remove(oldest.key)
            }
            counts.tick += 1
            let id = counts.tick
            counts.open[id] = Connection(close: close, key: key, idleSince: id)
            counts.total += 1
            if let key { counts.byKey[key, default: 0] += 1 }
            counts.peak = max(counts.peak, counts.total)
            return (id, evict)
        }
    }

    /// Marks connection `id` as serving a request (`true`: never closed for room) or idle again.
    public func setBusy(_ id: UInt64, _ busy: Bool) {
        counts.withLock { counts in
            guard counts.open[id] != nil else { return }
            counts.tick += 1
            counts.open[id]?.idleSince = busy ? nil : counts.tick
        }
    }

    /// Forgets closed connection `id` (unless it was already, when closed for room); once a peak
    /// of at least `memoryReleaseMin` connections has fallen to a quarter, and again when the last
    /// of them closes, hands the memory their buffers used back to the system (`MemoryRelease`).
    public func close(_ id: UInt64) {
        let release = counts.withLock { counts in
            guard counts.remove(id) else { return false }
            guard let memoryReleaseMin else { return false }
            if counts.peak >= memoryReleaseMin, counts.total <= counts.peak / 4 {
                counts.peak = counts.total
                counts.releasedInBurst = true
                return true
            }
            guard counts.total == 0, counts.releasedInBurst else { return false }
            counts.releasedInBurst = false
            return true
        }
        if release { MemoryRelease.handBack() }
    }

    /// Open connections now.
    public var total: Int { counts.withLock { $0.total } }
}

/// What a `ConnectionGuard` tells the counter about its connection.
struct ConnectionActivity: Sendable {
    let counter: ConnectionCounter
    let id: UInt64

    /// A request arrived (or is arriving): not to be closed for room until its answer is written.
    func busy() { counter.setBusy(id, true) }
    /// Its answer was written: idle again, from now.
    func idle() { counter.setBusy(id, false) }
}
