import Foundation

/// The deterministic simulation (issue 15): runs seeds one after another in this process and
/// prints each failing seed with its trace. `scripts/simulate.sh` runs it on every core.
///   HuisClosSimulation --seed N             replay one seed, printing its trace
///   HuisClosSimulation --from F --count C   seeds F ..< F+C
/// Exit status 0 when every invariant held in every seed, 1 otherwise, 64 on bad arguments.
SeededRandomness.install()

let arguments = CommandLine.arguments.dropFirst()
func value(of flag: String) -> UInt64? {
    arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? UInt64(arguments[$0 + 1]) : nil }
}
let single = value(of: "--seed")
let first = single ?? value(of: "--from") ?? 0
let count = single == nil ? value(of: "--count") ?? 200 : 1
guard arguments.count % 2 == 0, single != nil || arguments.allSatisfy({ !$0.hasPrefix("--") || ["--from", "--count"].contains($0) }) else {
    FileHandle.standardError.write(Data("usage: HuisClosSimulation --seed N | [--from F] [--count C]\n".utf8))
    exit(64)
}

let base = URL(fileURLWithPath: ProcessInfo.processInfo.environment["TMPDIR"] ?? NSTemporaryDirectory())
var failed: [UInt64] = []
let started = ContinuousClock.now
for seed in first..<first + count {
    let folder = base.appendingPathComponent("huisclos-simulation-\(seed)-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: folder)
    let simulation = Simulation(seed: seed, folder: folder)
    do {
        try await simulation.run()
        if single != nil { print(simulation.trace.joined(separator: "\n")) }
    } catch {
        failed.append(seed)
        print("seed \(seed) FAILED: \(error)")
        print(simulation.trace.map { "  \($0)" }.joined(separator: "\n"))
        print("replay: bash scripts/simulate.sh --seed \(seed)")
    }
    try? FileManager.default.removeItem(at: folder)
    if single == nil, (seed - first + 1) % 100 == 0 {
        print("progress: \(seed - first + 1) of \(count) seeds from \(first), \(failed.count) failed")
        fflush(nil)
    }
}
let seconds = Double((ContinuousClock.now - started).components.seconds) + Double((ContinuousClock.now - started).components.attoseconds) / 1e18
print("simulation: \(count) seed(s) from \(first), \(failed.count) failed, \(String(format: "%.1f", seconds)) s "
      + "(\(String(format: "%.0f", seconds * 1000 / Double(max(count, 1)))) ms per seed)"
      + (failed.isEmpty ? "" : "; failing seeds: \(failed.map(String.init).joined(separator: " "))"))
exit(failed.isEmpty ? 0 : 1)
