import Foundation
import Synchronization

/// One child process launched at a time in the whole test binary.
private let launching = Mutex(())

extension Process {
    /// `run()`, one launch at a time: Foundation's `Process.run()` on Linux crashed (inside its own
    /// memory copy) when parallel tests launched children at once. Only the launch is serialised;
    /// the children run, and are waited for, side by side.
    public func runSerially() throws {
        try launching.withLock { _ in try run() }
    }
}
