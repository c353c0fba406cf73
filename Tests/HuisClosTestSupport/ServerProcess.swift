public import Foundation

/// The built `huisclos-server` executable run as a child process on a data folder, for tests
/// that kill it (SIGKILL) and start it again.
public final class ServerProcess: Sendable {
    private let process: ChildProcess
    /// The base URL it listens on.
    public let url: String
    /// Longest wait for the listening line: a debug build starts in well under a second.
    public static let startTimeoutSeconds = 20.0

    /// The executable next to the test binary (`swift build --build-tests` builds both), or the
    /// one `HUISCLOS_SERVER_EXECUTABLE` names (`scripts/test.sh` runs the relay's timing and memory
    /// tests against the release build).
    public static var executable: URL {
        if let path = ProcessInfo.processInfo.environment["HUISCLOS_SERVER_EXECUTABLE"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("huisclos-server")
    }

    /// Starts the server on `folder` with `port` (0: a free one) and waits for its listening line
    /// (blocking); with `logFile`, its logs at the most verbose level go to that file (to scan them).
    private convenience init(folder: URL, port: Int, logFile: URL?, arguments: [String]) throws {
        try self.init(executable: Self.executable,
                      arguments: ["--data", folder.path, "--port", String(port), "--public-url", TestServer.publicURL,
                                  "--log-level", logFile == nil ? "error" : "trace"] + arguments,
                      environment: ["HUISCLOS_ADMIN_TOKEN": TestServer.adminToken], logFile: logFile)
    }

    /// Runs `executable arguments…` with `environment` added and waits for its listening line (the
    /// line starting with `listening`, whose rest is the address, `http://` added when it has none).
    private init(executable: URL, arguments: [String], environment added: [String: String], logFile: URL?,
                 listening: String = "huisclos-server listening on ") throws {
        process = try ChildProcess(executable, arguments, environment: ProcessInfo.processInfo.environment.merging(added) { _, new in new },
                                   standardOutput: .pipe, standardError: logFile.map { .file($0) } ?? .null)
        url = try Self.readListeningLine(process, prefix: listening)
    }

    /// Starts the server off the concurrency pool: starting blocks on the child's pipe, and a
    /// blocked cooperative thread (2 on this machine) would stall every other test. `port` 0 picks
    /// a free port; a restart passes the port of the first start so devices find the server again.
    /// `arguments` are added to the command line (e.g. `--database postgres://…`).
    public static func start(folder: URL, port: Int = 0, logFile: URL? = nil, arguments: [String] = []) async throws -> ServerProcess {
        try await offPool { try ServerProcess(folder: folder, port: port, logFile: logFile, arguments: arguments) }
    }

    /// Starts a server by another command line (an installed package's, under `setpriv`): it must
    /// print the listening line as `huisclos-server` does; with `logFile`, its standard error goes there.
    /// `listening` is the start of the line that gives the address (`huisclos app` prints its own).
    public static func start(command executable: URL, arguments: [String], environment: [String: String] = [:],
                             logFile: URL? = nil, listening: String = "huisclos-server listening on ") async throws -> ServerProcess {
        try await offPool {
            try ServerProcess(executable: executable, arguments: arguments, environment: environment, logFile: logFile, listening: listening)
        }
    }

    /// The port it listens on (from `url`).
    public var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

    /// Its resident memory now, in KiB (`VmRSS` of /proc/PID/status); nil once it has ended.
    public var residentKiB: Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.pid)/status", encoding: .utf8) else { return nil }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") }
    }

    /// Its environment as `/proc/PID/environ` shows it to any program of the same user now (the
    /// memory of its initial environment, as it is at this moment); nil once it has ended.
    public var environmentShown: String? {
        guard let bytes = FileManager.default.contents(atPath: "/proc/\(process.pid)/environ") else { return nil }
        return String(decoding: bytes.map { $0 == 0 ? UInt8(ascii: "\n") : $0 }, as: UTF8.self)
    }

    /// Kills it with SIGKILL (no chance to flush or clean up) and waits for its end.
    public func kill() async {
        await Self.offPool { [process] in
            process.signal(SIGKILL)
            process.wait()
        }
    }

    /// Stops it with SIGTERM (graceful) and waits.
    public func terminate() async {
        await Self.offPool { [process] in
            process.signal(SIGTERM)
            process.wait()
        }
    }

    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    static func offPool(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                body()
                continuation.resume()
            }
        }
    }

    private static func readListeningLine(_ process: ChildProcess, prefix: String) throws -> String {
        // A watchdog bounds the blocking reads: past the deadline the child is terminated, which
        // closes the pipe and ends the loop.
        let watchdog = DispatchWorkItem { [process] in process.signal(SIGTERM) }
        DispatchQueue.global().asyncAfter(deadline: .now() + startTimeoutSeconds, execute: watchdog)
        defer { watchdog.cancel() }
        var output = ""
        while true {
            let data = process.readAvailable()
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
                let address = line.dropFirst(prefix.count)
                return address.hasPrefix("http") ? String(address) : "http://" + address
            }
        }
        process.signal(SIGKILL)
        process.wait()
        throw ServerProcessError(message: "\(process.executable.lastPathComponent) did not print its listening line (output: \(output.prefix(200)))")
    }
}

/// The child server failed to start.
public struct ServerProcessError: Error, CustomStringConvertible {
    /// What happened.
    public let message: String
    public var description: String { message }
}
