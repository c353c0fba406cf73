import Foundation

/// Runs shared/bench/peers_w1.py with a virtualenv holding pycrdt and loro (created if missing).
struct PeerRunner {
    /// The virtualenv folder (gitignored, under bench-data/).
    let venv: URL
    /// The peers script.
    let script: String

    /// Runs the peers on `data`, echoing their output; returns the best peer's merge ops/s and name.
    func run(data: String) throws -> (opsPerSecond: Double, name: String) {
        let python = venv.appendingPathComponent("bin/python").path
        if (try? Self.execute(python, ["-c", "import pycrdt, loro"], echo: false)) == nil {
            print("peers: creating \(venv.path) with pycrdt and loro (pip)")
            _ = try Self.execute("/usr/bin/env", ["python3", "-m", "venv", venv.path], echo: true)
            _ = try Self.execute(python, ["-m", "pip", "install", "--quiet", "pycrdt", "loro"], echo: true)
        }
        let output = try Self.execute(python, [script, data], echo: true)
        guard let last = output.split(separator: "\n").last, last.hasPrefix("PEERS "),
              let field = last.split(separator: " ").first(where: { $0.hasPrefix("best_merge_ops_per_s=") }),
              let best = Double(field.dropFirst("best_merge_ops_per_s=".count)),
              let name = last.split(separator: " ").first(where: { $0.hasPrefix("best=") })?.dropFirst("best=".count)
        else {
            throw ValidationFailure("the peers script did not end with 'PEERS best_merge_ops_per_s=N best=NAME'")
        }
        return (best, String(name))
    }

    /// Runs a program; returns its standard output, or throws if it fails.
    private static func execute(_ program: String, _ arguments: [String], echo: Bool) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        if !echo { process.standardError = FileHandle.nullDevice }
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        if echo { print(output, terminator: "") }
        guard process.terminationStatus == 0 else {
            throw ValidationFailure("\(program) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return output
    }
}
