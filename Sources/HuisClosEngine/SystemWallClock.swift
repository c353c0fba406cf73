public import Foundation
import Synchronization

/// The system's wall clock, in milliseconds since the Unix epoch: the one place in the package
/// that reads the system time (`scripts/test.sh` fails if another file does). Every other reader
/// takes a `WallClock` by injection, so tests drive time with `ManualWallClock`.
public struct SystemWallClock: WallClock {
    /// The system clock.
    public init() {}

    /// The current time in milliseconds since the Unix epoch.
    public func nowMs() -> UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970 * 1000))
    }
}

/// A wall clock that only moves when told to: tests expire hearings, leases and tokens without
/// waiting on the real clock.
public final class ManualWallClock: WallClock {
    private let current: Mutex<UInt64>

    /// A clock at `unixMs` (milliseconds since the Unix epoch), by default the system's now.
    public init(unixMs: UInt64 = SystemWallClock().nowMs()) { current = Mutex(unixMs) }

    /// The clock's reading.
    public func nowMs() -> UInt64 { current.withLock { $0 } }

    /// Moves the clock forward (or back, with a negative number) by `seconds`.
    public func advance(seconds: Double) {
        current.withLock { $0 = UInt64(max(0, Double($0) + seconds * 1000)) }
    }
}

extension WallClock {
    /// The clock's reading as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(nowMs()) / 1000) }

    /// The clock's reading in whole seconds since the Unix epoch.
    public var unixSeconds: Int64 { Int64(nowMs() / 1000) }

    /// The clock as a closure returning `Date`, for APIs that take one (`Device.unlock(now:)`).
    public var dateReader: @Sendable () -> Date { { [self] in self.date } }
}
