import Foundation
import Synchronization

/// Counts events per key in fixed windows of the server's clock, in memory: login challenges and
/// failed proofs per device, failed enrolments in all.
///
/// In memory on purpose: a restart forgets the counts, which costs an attacker a restart they
/// cannot cause, and nothing is written for an event that is refused. Bounded by
/// `ServerLimits.rateLimiterKeysMax` keys.
final class RateLimiter: Sendable {
    private struct Window {
        var start: Date
        var count: Int
    }

    private let windows = Mutex<[String: Window]>([:])
    private let windowSeconds: Double

    /// A limiter whose windows last `windowSeconds`.
    init(windowSeconds: Int) {
        precondition(windowSeconds > 0, "a rate window lasts some time")
        self.windowSeconds = Double(windowSeconds)
    }

    /// Whether `key` already had `max` events in its current window (the next one is refused).
    func isOver(_ key: String, max: Int, now: Date) -> Bool {
        windows.withLock { windows in count(of: key, in: windows, now: now) >= max }
    }

    /// Counts one event of `key`.
    func record(_ key: String, now: Date) {
        windows.withLock { windows in add(key, to: &windows, now: now) }
    }

    /// Counts one event of `key` unless it already had `max`; returns whether it was counted.
    func take(_ key: String, max: Int, now: Date) -> Bool {
        windows.withLock { windows in
            guard count(of: key, in: windows, now: now) < max else { return false }
            add(key, to: &windows, now: now)
            return true
        }
    }

    /// Whether `window` still runs at `now` (a clock set back starts a new one).
    private func runs(_ window: Window, at now: Date) -> Bool {
        window.start <= now && now.timeIntervalSince(window.start) < windowSeconds
    }

    private func count(of key: String, in windows: [String: Window], now: Date) -> Int {
        guard let window = windows[key], runs(window, at: now) else { return 0 }
        return window.count
    }

    private func add(_ key: String, to windows: inout [String: Window], now: Date) {
        if windows.count >= ServerLimits.rateLimiterKeysMax, windows[key] == nil {
            windows = windows.filter { runs($0.value, at: now) }
            if windows.count >= ServerLimits.rateLimiterKeysMax { windows.removeAll() }
        }
        if let window = windows[key], runs(window, at: now) {
            windows[key] = Window(start: window.start, count: window.count + 1)
        } else {
            windows[key] = Window(start: now, count: 1)
        }
    }
}
