import ArgumentParser
import HuisClosProtocol

/// `huisclos-bench`: side-by-side benchmarks that print ratios (see BENCHMARKS.md).
@main
struct HuisClosBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huisclos-bench",
        abstract: "Benchmarks HuisClos against plain SQLite, raw libsodium and peer CRDT engines; prints ratios.",
        version: HuisClosVersion.product,
        subcommands: [Vfs.self, W1.self, SyncBenchmark.self, WatchLoadBenchmark.self, PrefetchBenchmark.self, BenchServe.self])
}
