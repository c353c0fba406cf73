import Foundation
import HuisClosCrypto
import HuisClosTestSupport
import Testing

/// Property: any delivery (reordered, duplicated, partitioned, across restarts) converges.
///
/// Seeded and replayable: the run prints its seed; a failure prints the failing case's seed.
/// Replay one case with `HUISCLOS_CONVERGENCE_SEED=<case seed> HUISCLOS_CONVERGENCE_CASES=1`.
@Suite(.tags(.slow)) struct ConvergenceTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = Int(environment["HUISCLOS_CONVERGENCE_CASES"] ?? "") ?? 1_000
    static let seed = UInt64(environment["HUISCLOS_CONVERGENCE_SEED"] ?? "") ?? UInt64.random(in: 0...UInt64.max)

    @Test func replicasConvergeWhateverTheDeliveryOrderDuplicatesPartitionsAndRestarts() async throws {
        let devices = try (1...8).map { try StoreFixtures.device(UInt8($0)) }
        let start = ContinuousClock.now
        // Two workers (the machine has two cores); each case is independent.
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var failures: [String] = []
                    for index in stride(from: worker, to: Self.cases, by: 2) {
                        let caseSeed = Self.seed &+ UInt64(index)
                        var scenario = try ConvergenceScenario(seed: caseSeed, devices: devices)
                        if let failure = try scenario.run() { failures.append("case seed \(caseSeed): \(failure)") }
                    }
                    return failures
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        print("convergence: \(Self.cases) cases, seed \(Self.seed), \(ContinuousClock.now - start)")
        for failure in failures {
            Issue.record("\(failure) — replay: HUISCLOS_CONVERGENCE_SEED=\(failure.split(separator: " ")[2].dropLast()) HUISCLOS_CONVERGENCE_CASES=1")
        }
        #expect(failures.isEmpty)
    }
}
