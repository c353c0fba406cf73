import Foundation

/// The Python tools `scripts/setup.sh` installs under `.build-tools/venv` (the public site's
/// validators, schemathesis), run by tests. A suite that needs them is skipped only when
/// HUISCLOS_SKIP_VALIDATORS=1 (a developer's machine without them); CI never sets it.
public enum ProjectTools {
    /// The repository's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// True unless HUISCLOS_SKIP_VALIDATORS=1.
    public static let enabled = ProcessInfo.processInfo.environment["HUISCLOS_SKIP_VALIDATORS"] != "1"

    /// What a tool printed (standard output and error together) and its exit status.
    public struct Outcome: Sendable {
        public let status: Int32
        public let output: String
    }

    /// Runs `.build-tools/venv/bin/<tool>` with `arguments` and `environment` added to this
    /// process's; throws when the tools are not installed.
    public static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let executable = repository.appendingPathComponent(".build-tools/venv/bin/\(tool)")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Missing(tool: tool)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.runSerially()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: printed)
    }

    /// The tools are not installed.
    public struct Missing: Error, CustomStringConvertible {
        let tool: String
        public var description: String {
            ".build-tools/venv/bin/\(tool) is missing: run bash scripts/setup.sh (or HUISCLOS_SKIP_VALIDATORS=1 on a machine without it)"
        }
    }
}
