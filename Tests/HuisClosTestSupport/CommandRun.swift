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
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(name, arguments, environment: environment) })
            }
        }
    }

    private static func runBlocking(_ name: String, _ arguments: [String], environment: [String: String]) throws -> CommandRun {
        let process = Process()
        process.executableURL = ServerProcess.executable.deletingLastPathComponent().appendingPathComponent(name)
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
