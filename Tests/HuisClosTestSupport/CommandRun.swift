import Foundation

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

    private static func runBlocking(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice  // never a terminal: nothing waits for typing
        try process.runSerially()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandRun(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                          errors: String(decoding: err, as: UTF8.self))
    }
}
