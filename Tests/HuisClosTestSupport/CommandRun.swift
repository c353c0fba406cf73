public import Foundation

/// Runs a built executable of this package (next to the test binary) to completion.
public struct CommandRun: Sendable {
    /// Its exit status.
    public let status: Int32
    /// What it printed on standard output.
    public let output: String
    /// What it printed on standard error.
    public let errors: String

    /// Runs `name arguments…` with `environment` added, off the concurrency pool (it blocks).
    public static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRun {
        try await run(executable: ServerProcess.executable.deletingLastPathComponent().appendingPathComponent(name), arguments,
                      environment: environment)
    }

    /// Runs `executable arguments…` with `environment` added, off the concurrency pool: a child
    /// waited for on a cooperative thread (2 on this machine) would stall every other test.
    public static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRun {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(executable, arguments, environment: environment) })
            }
        }
    }

    /// Through `ChildProcess` (`posix_spawn`), not Foundation's `Process`: the CLI tests launch
    /// hundreds of children, and `Process.run()` crashes the test binary (see `ChildProcess`).
    private static func runBlocking(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> CommandRun {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let (output, errors, termination) = try ChildProcess.run(executable, arguments, environment: merged)
        return CommandRun(status: termination.status, output: output, errors: errors)
    }
}
