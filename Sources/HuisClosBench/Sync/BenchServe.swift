import ArgumentParser
import Foundation
import HuisClosServer
import Logging
import ServiceLifecycle
import UnixSignals

/// `huisclos-bench serve`: the relay with its bench-only raw endpoints, run by `sync` as a child
/// process so the client's memory and the server's bytes are measured apart.
struct BenchServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Runs the relay for the sync benchmark.",
                                                    shouldDisplay: false)
    @Option var data: String
    @Option var adminToken: String
    @Option var connectionsPerAddress = ServerLimits.connectionsPerAddressMax

    func run() async throws {
        var configuration = ServerConfiguration(dataFolder: URL(fileURLWithPath: data), port: 0, adminToken: adminToken,
                                                benchEndpoints: true, logLevel: .error)
        configuration.tokenLifetime = .seconds(3600)
        // The watch-load benchmark's devices all connect from 127.0.0.1.
        configuration.quotas.connectionsPerAddressMax = connectionsPerAddress
        configuration.quotas.connectionsMax = max(configuration.quotas.connectionsMax, connectionsPerAddress)
        let logger = Logger(label: "bench-server") { _ in SwiftLogNoOpLogHandler() }
        let server = try RelayServer(configuration: configuration, logger: logger)
        let application = try server.application { host, port in
            FileHandle.standardOutput.write(Data("huisclos-server listening on \(host):\(port)\n".utf8))
        }
        try await ServiceGroup(services: [application], gracefulShutdownSignals: [.sigterm], logger: logger).run()
    }
}

/// The bench server as a child process of this executable.
final class BenchServerProcess {
    let url: String
    let pid: Int32
    private let process: Process

    /// Starts `huisclos-bench serve` on `folder` and waits (bounded) for its listening line.
    init(folder: URL, adminToken: String, connectionsPerAddress: Int = ServerLimits.connectionsPerAddressMax) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = ["serve", "--data", folder.path, "--admin-token", adminToken, "--connections-per-address", String(connectionsPerAddress)]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var output = ""
        for _ in 0..<1_000 {
            let data = pipe.fileHandleForReading.availableData
            if data.isEmpty { break }
            output += String(decoding: data, as: UTF8.self)
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("huisclos-server listening on ") }) {
                self.url = "http://" + line.dropFirst("huisclos-server listening on ".count)
                self.pid = process.processIdentifier
                self.process = process
                return
            }
        }
        process.terminate()
        throw ValidationError("the bench server did not start")
    }

    /// Stops it and waits.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
