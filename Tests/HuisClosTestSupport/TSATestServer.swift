public import Foundation

/// A real RFC 3161 time-stamping authority on loopback: `scripts/tsa-test-ca.sh` makes a root CA
/// and a TSA certificate (extendedKeyUsage=critical,timeStamping) with `openssl`, then
/// `scripts/tsa-test-server.py` answers each query with `openssl ts -reply`.
public final class TSATestServer: Sendable {
    private let process: ChildProcess
    /// Where the CA and TSA files are (ca.pem, tsa.pem, tsa-key.pem, tsa.cnf).
    public let folder: URL
    public let port: Int

    private init(folder: URL, name: String) throws {
        self.folder = folder
        let script = try ChildProcess.run(URL(fileURLWithPath: "/bin/bash"),
                                          [ProjectTools.repository.appendingPathComponent("scripts/tsa-test-ca.sh").path, folder.path, name])
        guard script.termination == .exited(0) else { throw ServerProcessError(message: "scripts/tsa-test-ca.sh failed: \(script.errors)") }
        (process, port) = try LoopbackScript.start("tsa-test-server.py", arguments: ["--config", folder.appendingPathComponent("tsa.cnf").path])
    }

    /// Makes a CA named `name` in `folder` and starts its TSA, off the concurrency pool.
    public static func start(in folder: URL, name: String = "HuisClos test CA") async throws -> TSATestServer {
        try await ServerProcess.offPool { try TSATestServer(folder: folder, name: name) }
    }

    /// The URL to POST queries to.
    public var url: String { "http://127.0.0.1:\(port)/" }
    /// The CA's certificate, the root to trust.
    public var rootFile: URL { folder.appendingPathComponent("ca.pem") }
    /// The CA's certificate as PEM text.
    public func rootPEM() throws -> String { try String(contentsOf: rootFile, encoding: .utf8) }

    /// Stops it and waits.
    public func stop() async {
        await LoopbackScript.stop(process)
    }
}
