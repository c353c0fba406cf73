// Does ThreadSanitizer see Synchronization's Mutex? Two threads increment one counter 100,000 times
// each, every access inside Mutex.withLock: a correct program. With Swift 6.3.1 on Linux TSan
// reports a "Swift access race" on it (the futex is invisible to it), hence
// scripts/tsan-suppressions.txt. Re-run after a toolchain upgrade; no report means the
// suppressions can go:
//   swiftc -sanitize=thread scripts/tsan-mutex-check.swift -o /tmp/tsan-mutex-check && /tmp/tsan-mutex-check
import Foundation
import Synchronization

final class Counter: Sendable {
    let value = Mutex(0)
}

let counter = Counter()
let group = DispatchGroup()
for _ in 0..<2 {
    group.enter()
    Thread.detachNewThread {
        for _ in 0..<100_000 { counter.value.withLock { $0 += 1 } }
        group.leave()
    }
}
group.wait()
print("total", counter.value.withLock { $0 }, "(200000 expected)")
