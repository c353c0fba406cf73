import Foundation
import HuisClosTestSupport
import HuisClosReplica
import Testing

/// Finding 11 of issue 11: a hardened process can leave no core dump of its plaintext.
@Suite(.tags(.slow)) struct ProcessHardeningTests {
    /// A child process runs `ProcessHardening.apply()` (as the `huisclos` entry point does) and
    /// reports what the OS then says: not dumpable, core limit 0 soft and hard.
    @Test func aHardenedProcessIsNotDumpableAndHasNoCoreLimit() throws {
        // The test process itself is not hardened: the check below is not vacuous.
        #expect(ProcessHardening.status.dumpable == true)
        let child = try ChildProcess.run(try CrashSafetyTests.childExecutable(), ["--hardening"])
        #expect(child.termination == .exited(0), "\(child.errors)")
        #expect(child.output.trimmingCharacters(in: .whitespacesAndNewlines) == "dumpable=0 core=0/0 failure=0")
    }
}
