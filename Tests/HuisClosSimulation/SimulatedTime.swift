import Foundation
import HuisClosServer
import Synchronization

/// The simulation's time: one true instant that only moves when a step says so, and each party's
/// clock read off it with that party's skew. Nothing reads the real clock.
final class SimulatedTime: Sendable {
    /// Where every run starts: 2027-01-15 08:00 UTC (Unix seconds).
    static let startSeconds: Int64 = 1_800_000_000

    private let elapsedMs = Mutex<Int64>(0)

    /// Moves time forward by `seconds`.
    func advance(seconds: Int64) { elapsedMs.withLock { $0 += seconds * 1000 } }

    /// The true instant.
    var now: Date { reader(skewSeconds: 0)() }

    /// A clock `skewSeconds` ahead of true time (behind when negative).
    func reader(skewSeconds: Int64) -> @Sendable () -> Date {
        { [self] in
            let ms = Self.startSeconds * 1000 + elapsedMs.withLock { $0 } + skewSeconds * 1000
            return Date(timeIntervalSince1970: Double(ms) / 1000)
        }
    }

    /// The relay's clock, `skewSeconds` off true time.
    func serverClock(skewSeconds: Int64) -> ServerClock { ServerClock(now: reader(skewSeconds: skewSeconds)) }
}
