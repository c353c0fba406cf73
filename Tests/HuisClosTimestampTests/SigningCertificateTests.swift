import Foundation
import HuisClosCrypto
import HuisClosTestSupport
@testable import HuisClosTimestamp
import SwiftASN1
import Testing
import X509

/// Issue 17, the attacker's review of the time-stamps (finding 2): RFC 3161 §2.4.1 requires the
/// ESS signingCertificate (v1, SHA-1) or signingCertificateV2 attribute, naming the certificate
/// that signed. Tokens made with `openssl` alone (no TSA server): a token without the attribute,
/// and a v1 token whose signer identifier was moved to another certificate of the same key.
@Suite struct SigningCertificateTests {
    /// The data time-stamped, and its SHA-256.
    static let data = "accusé de lecture, révision 0"
    static var imprint: [UInt8] { SHA2.sha256(Array(data.utf8)) }

    /// `openssl arguments…` in `folder`; fails the test with OpenSSL's message when it fails.
    @discardableResult
    static func openssl(_ folder: URL, _ arguments: [String]) async throws -> CommandRun {
        let run = try await CommandRun.run(executable: URL(fileURLWithPath: "/bin/sh"),
                                           ["-c", "cd \"$0\" && exec openssl \"$@\"", folder.path] + arguments)
        guard run.status == 0 else { throw OpenSSLFailure(message: "openssl \(arguments.joined(separator: " ")): \(run.errors)") }
        return run
    }

    /// A test CA and TSA in `folder` (scripts/tsa-test-ca.sh), the query over `data`, and the
    /// token `openssl ts -reply` signs with `config` (a file in `folder`).
    static func authority(_ folder: URL) async throws {
        let made = try await CommandRun.run(executable: URL(fileURLWithPath: "/bin/bash"),
                                            [ProjectTools.repository.appendingPathComponent("scripts/tsa-test-ca.sh").path, folder.path])
        #expect(made.status == 0, "\(made.errors)")
        try Data(data.utf8).write(to: folder.appendingPathComponent("data.txt"))
        try await openssl(folder, ["ts", "-query", "-data", "data.txt", "-sha256", "-cert", "-out", "query.tsq"])
    }

    static func token(_ folder: URL, config: String, named name: String) async throws -> URL {
        try await openssl(folder, ["ts", "-reply", "-config", config, "-queryfile", "query.tsq", "-out", "\(name).tsr"])
        try await openssl(folder, ["ts", "-reply", "-in", "\(name).tsr", "-token_out", "-out", "\(name).der"])
        return folder.appendingPathComponent("\(name).der")
    }

    /// What OpenSSL says of `token` over `data` against the CA: true when it verifies.
    static func opensslVerifies(_ folder: URL, _ token: URL) async throws -> Bool {
        try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/openssl"), [
            "ts", "-verify", "-data", folder.appendingPathComponent("data.txt").path, "-in", token.path, "-token_in",
            "-CAfile", folder.appendingPathComponent("ca.pem").path]).status == 0
    }

    static func refusal(_ verifier: TimestampVerifier, _ der: [UInt8]) async -> TimestampError.Code? {
        do {
            _ = try await verifier.verify(try TimestampToken(der: der), imprint: imprint, digest: .sha256)
            return nil
        } catch let error as TimestampError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func aTokenWithoutTheSigningCertificateAttributeIsRefused() async throws {
        let folder = try TemporaryFolder("tsa-noess")
        defer { folder.remove() }
        try await Self.authority(folder.url)
        let good = try await Self.token(folder.url, config: "tsa.cnf", named: "good")
        // The same TSTInfo signed again by the same TSA key with `openssl cms`: content type and
        // digest signed, the TSA and CA certificates inside, no ESS attribute.
        try await Self.openssl(folder.url, ["cms", "-verify", "-noverify", "-inform", "DER", "-in", "good.der", "-binary", "-out", "tstinfo.der"])
        try await Self.openssl(folder.url, ["cms", "-sign", "-binary", "-nodetach", "-econtent_type", "1.2.840.113549.1.9.16.1.4",
                                            "-in", "tstinfo.der", "-signer", "tsa.pem", "-inkey", "tsa-key.pem", "-certfile", "ca.pem",
                                            "-nosmimecap", "-md", "sha256", "-outform", "DER", "-out", "noess.der"])
        let verifier = try TimestampVerifier(rootsPEM: try String(contentsOf: folder.url.appendingPathComponent("ca.pem"), encoding: .utf8))
        #expect(await Self.refusal(verifier, [UInt8](try Data(contentsOf: good))) == nil)
        #expect(try await Self.opensslVerifies(folder.url, good))
        let bare = [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("noess.der")))
        #expect(try TimestampToken(der: bare).info == (try TimestampToken(der: [UInt8](try Data(contentsOf: good))).info))
        #expect(await Self.refusal(verifier, bare) == .forged)
        #expect(try await !Self.opensslVerifies(folder.url, folder.url.appendingPathComponent("noess.der")), "OpenSSL refuses it too")
    }

    @Test func aVersionOneAttributeMustNameTheCertificateThatSigned() async throws {
        let folder = try TemporaryFolder("tsa-essv1")
        defer { folder.remove() }
        try await Self.authority(folder.url)
        // A second TSA certificate for the same key (the next serial), carried in the token too;
        // the authority writes ESS signingCertificate v1 (SHA-1), as OpenSSL does by default.
        try await Self.openssl(folder.url, ["x509", "-req", "-in", "tsa.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAserial", "ca.srl",
                                            "-out", "tsa2.pem", "-days", "3650", "-extfile", "tsa.ext"])
        let ca = try String(contentsOf: folder.url.appendingPathComponent("ca.pem"), encoding: .utf8)
        try Data((ca + (try String(contentsOf: folder.url.appendingPathComponent("tsa2.pem"), encoding: .utf8))).utf8)
            .write(to: folder.url.appendingPathComponent("extra.pem"))
        let config = try String(contentsOf: folder.url.appendingPathComponent("tsa.cnf"), encoding: .utf8)
            .replacingOccurrences(of: "ess_cert_id_alg = sha256", with: "ess_cert_id_alg = sha1")
            .replacingOccurrences(of: "certs = $dir/ca.pem", with: "certs = $dir/extra.pem")
        try Data(config.utf8).write(to: folder.url.appendingPathComponent("tsa-v1.cnf"))
        let file = try await Self.token(folder.url, config: "tsa-v1.cnf", named: "v1")
        let der = [UInt8](try Data(contentsOf: file))
        let token = try TimestampToken(der: der)
        // signingCertificate (v1), not signingCertificateV2.
        let types = Set(token.attributes.keys.map(\.description))
        #expect(types.contains("1.2.840.113549.1.9.16.2.12") && !types.contains("1.2.840.113549.1.9.16.2.47"), "\(types)")
        let verifier = try TimestampVerifier(rootsPEM: ca)
        #expect(await Self.refusal(verifier, der) == nil, "a v1 attribute naming the signer verifies")

        // The signer identifier moved to the second certificate (same key: the signature still
        // holds, its chain and usage are the same): only the v1 attribute tells them apart.
        guard case let .issuerAndSerial(_, serial) = token.signer else { Issue.record("no issuer and serial"); return }
        let second = try #require(token.certificates.first { $0.serialNumber != serial && $0.subject == token.certificates.first { $0.serialNumber == serial }?.subject })
        let old = Array(serial.bytes), new = Array(second.serialNumber.bytes)
        try #require(old.count == new.count)
        // The serial's places: in the first certificate and the signer identifier (OpenSSL's ESSCertID
        // carries the certificate's hash only).
        var places: [Int] = []
        var from = der.startIndex
        while let found = der[from...].firstRange(of: old) { places.append(found.lowerBound); from = found.upperBound }
        try #require(places.count == 2, "\(places)")
        var moved = der
        moved.replaceSubrange(places[1] ..< places[1] + old.count, with: new)
        guard case let .issuerAndSerial(_, now) = try TimestampToken(der: moved).signer else { Issue.record("no issuer and serial"); return }
        #expect(now == second.serialNumber)
        #expect(await Self.refusal(verifier, moved) == .forged)
        try Data(moved).write(to: folder.url.appendingPathComponent("moved.der"))
        #expect(try await !Self.opensslVerifies(folder.url, folder.url.appendingPathComponent("moved.der")), "OpenSSL refuses it too")
    }
}

/// An `openssl` command that failed while making a test token.
struct OpenSSLFailure: Error {
    let message: String
}
