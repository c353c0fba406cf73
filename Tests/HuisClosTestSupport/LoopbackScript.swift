import Foundation

/// A test server written as a Python script under scripts/ (run by the tools venv's interpreter)
/// that prints "listening on PORT" once ready: started, and its port read, off nothing but its pipe.
enum LoopbackScript {
    /// Runs `scripts/<script> arguments…` and returns the process with the port it printed.
    static func start(_ script: String, arguments: [String]) throws -> (process: Process, port: Int) {
        let process = Process()
        process.executableURL = ProjectTools.repository.appendingPathComponent(".build-tools/venv/bin/python")
        process.arguments = [ProjectTools.repository.appendingPathComponent("scripts/\(script)").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.runSerially()
        var output = ""
        while !output.contains("\n") {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
        }
        guard let port = output.split(separator: "\n").first.flatMap({ Int($0.dropFirst("listening on ".count)) }) else {
            process.terminate()
            throw ServerProcessError(message: "\(script) did not start (output: \(output.prefix(200)))")
        }
        return (process, port)
    }

    /// Stops `process` with SIGKILL (nothing to flush; a child started from a dispatch thread may
    /// have SIGTERM blocked) and waits, off the concurrency pool.
    static func stop(_ process: Process) async {
        await ServerProcess.offPool {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
