public import Foundation

/// A real SMTP server on loopback (`scripts/smtp-test-server.py`, aiosmtpd from the tools
/// `scripts/setup.sh` installs): STARTTLS and AUTH required, each accepted message saved in
/// `folder` as `<n>.eml` with its envelope in `<n>.json`; a recipient starting with "refuse" is
/// refused. Its certificate (for the name `localhost`) is made by `openssl` for each server.
public final class SMTPTestServer: Sendable {
    private let process: ChildProcess
    /// Where accepted messages land.
    public let folder: URL
    /// The PEM certificate clients must trust (`--autorite`).
    public let certificate: URL
    public let port: Int
    public static let user = "secretariat-test"
    public static let password = "mot-de-passe-smtp-de-test"

    private init(folder: URL) throws {
        self.folder = folder.appendingPathComponent("smtp-out")
        try FileManager.default.createDirectory(at: self.folder, withIntermediateDirectories: true)
        certificate = folder.appendingPathComponent("smtp-cert.pem")
        let key = folder.appendingPathComponent("smtp-key.pem")
        let openssl = try ChildProcess.run(URL(fileURLWithPath: "/usr/bin/openssl"), [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", certificate.path,
            "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"])
        guard openssl.termination == .exited(0) else {
            throw ServerProcessError(message: "openssl could not make the SMTP test certificate: \(openssl.errors)")
        }
        (process, port) = try LoopbackScript.start("smtp-test-server.py", arguments: [
            "--cert", certificate.path, "--key", key.path, "--user", Self.user, "--password", Self.password, "--out", self.folder.path])
    }

    /// Starts one in `folder`, off the concurrency pool (starting blocks on the child's pipe).
    public static func start(in folder: URL) async throws -> SMTPTestServer {
        try await ServerProcess.offPool { try SMTPTestServer(folder: folder) }
    }

    /// The messages received so far, in order: each one's raw bytes and envelope.
    public func received() throws -> [(message: String, envelope: [String: Any])] {
        var result: [(String, [String: Any])] = []
        var number = 1
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent("\(number).eml").path) {
            let message = try String(contentsOf: folder.appendingPathComponent("\(number).eml"), encoding: .utf8)
            let envelope = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("\(number).json"))) as? [String: Any] ?? [:]
            result.append((message, envelope))
            number += 1
        }
        return result
    }

    /// The outcome of each login attempt so far, in order: "ok" or "refused".
    public func logins() throws -> [String] {
        let file = folder.appendingPathComponent("auth.log")
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// Stops it (SIGKILL: it has nothing to flush) and waits.
    public func stop() async {
        await LoopbackScript.stop(process)
    }
}
