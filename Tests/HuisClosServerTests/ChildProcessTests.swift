import Dispatch
import Foundation
import HuisClosTestSupport
import Testing

/// The tests' children (`ChildProcess`) start whatever the test process holds: Foundation's
/// `Process.run()` crashed the whole parallel suite when it held more than ~1,024 descriptors
/// (fresh-clone CI of 8ed9961), and a child started from a dispatch thread inherited its blocked
/// signals (a relay deaf to SIGTERM).
@Suite(.serialized) struct ChildProcessTests {
    /// 1,500 more descriptors than the test process had, closed by the caller.
    static func manyDescriptors() -> [Int32] {
        (0..<1_500).map { _ in open("/dev/null", O_RDONLY | O_CLOEXEC) }
    }

    @Test func childrenStartWhileTheTestsHoldThousandsOfDescriptorsAndInheritNone() throws {
        let held = Self.manyDescriptors()
        defer { held.forEach { close($0) } }
        #expect(held.allSatisfy { $0 >= 0 } && held.max()! > 1_024)
        for _ in 0..<20 {
            let child = try ChildProcess.run(URL(fileURLWithPath: "/bin/ls"), ["/proc/self/fd"])
            #expect(child.termination == .exited(0))
            // 0, 1, 2 and the directory ls reads: nothing of the test binary's leaks into the child.
            #expect(child.output.split(separator: "\n").count == 4, "the child holds \(child.output)")
        }
    }

    @Test func aChildStartedFromADispatchThreadEndsOnSIGTERM() async throws {
        let child = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ChildProcess(URL(fileURLWithPath: "/bin/sleep"), ["600"]) })
            }
        }
        #expect(child.isRunning)
        child.signal(SIGTERM)
        // A child deaf to SIGTERM is killed after 10 s, and the test fails rather than hangs.
        let deaf = DispatchWorkItem { child.signal(SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 10, execute: deaf)
        #expect(child.wait() == .signalled(SIGTERM))
        deaf.cancel()
        #expect(!child.isRunning)
        child.signal(SIGKILL)  // reaped: nothing is sent (its pid may be another process's now)
    }
}
