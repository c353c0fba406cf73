public import Foundation
public import HuisClosEngine
public import HuisClosServer
import Synchronization

/// A server clock that tests move forward by hand (to expire tokens and codes without waiting).
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// A clock at the real now.
    public init() { current = Mutex(Date()) }

    /// Moves the clock forward.
    public func advance(seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The clock as a device reads it.
    public var now: @Sendable () -> Date { { [self] in current.withLock { $0 } } }

    /// The clock in milliseconds, as a device's session and change store read it.
    public func nowMs() -> UInt64 { UInt64(max(0, current.withLock { $0 }.timeIntervalSince1970 * 1000)) }

    /// The clock as the server reads it.
    public var serverClock: ServerClock { ServerClock { [self] in current.withLock { $0 } } }
}
