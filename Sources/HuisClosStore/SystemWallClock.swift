import Foundation
import HuisClosEngine

/// The system's wall clock, in milliseconds since the Unix epoch.
public struct SystemWallClock: WallClock {
    /// The system clock.
    public init() {}

    /// The current time in milliseconds since the Unix epoch.
    public func nowMs() -> UInt64 {
        UInt64(max(0, Date().timeIntervalSince1970 * 1000))
    }
}
