import Foundation

/// A test server written as a Python script under scripts/ (run by the tools venv's interpreter)
/// that prints "listening on PORT" once ready: started, and its port read, off nothing but its pipe.
enum LoopbackScript {
    /// Runs `scripts/<script> arguments…` and returns the process with the port it printed.
    static func start(_ script: String, arguments: [String]) throws -> (process: ChildProcess, port: Int) {
        let process = try ChildProcess(ProjectTools.repository.appendingPathComponent(".build-tools/venv/bin/python"),
                                       [ProjectTools.repository.appendingPathComponent("scripts/\(script)").path] + arguments,
                                       standardOutput: .pipe)
        var output = ""
        while !output.contains("\n") {
            let data = process.readAvailable()
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
        }
        guard let port = output.split(separator: "\n").first.flatMap({ Int($0.dropFirst("listening on ".count)) }) else {
            process.signal(SIGKILL)
            process.wait()
            throw ServerProcessError(message: "\(script) did not start (output: \(output.prefix(200)))")
        }
        return (process, port)
    }

    /// Stops `process` with SIGKILL (it has nothing to flush) and waits, off the concurrency pool.
    static func stop(_ process: ChildProcess) async {
        await ServerProcess.offPool {
            process.signal(SIGKILL)
            process.wait()
        }
    }
}
