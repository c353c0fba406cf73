public import Foundation

/// The Python tools `scripts/setup.sh` installs under `.build-tools/venv` (the public site's
/// validators, schemathesis), run by tests. A suite that needs them is skipped only when
/// HUISCLOS_SKIP_VALIDATORS=1 (a developer's machine without them); CI never sets it.
public enum ProjectTools {
    /// The repository's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// True unless HUISCLOS_SKIP_VALIDATORS=1.
    public static let enabled = ProcessInfo.processInfo.environment["HUISCLOS_SKIP_VALIDATORS"] != "1"

    /// Runs `.build-tools/venv/bin/<tool>` with `arguments` and `environment` added to this
    /// process's (off the concurrency pool, `CommandRun`); throws when the tools are not installed.
    public static func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRun {
        let executable = repository.appendingPathComponent(".build-tools/venv/bin/\(tool)")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw Missing(tool: tool)
        }
        return try await CommandRun.run(executable: executable, arguments, environment: environment)
    }

    /// The tools are not installed.
    public struct Missing: Error, CustomStringConvertible {
        let tool: String
        public var description: String {
            ".build-tools/venv/bin/\(tool) is missing: run bash scripts/setup.sh (or HUISCLOS_SKIP_VALIDATORS=1 on a machine without it)"
        }
    }
}
