import Foundation
import HuisClosCrypto
import HuisClosTestSupport
@testable import HuisClosTimestamp
import NIOCore
import Testing

/// Issue 17, item 3: RFC 3161 tokens from a real `openssl ts` authority on loopback, verified
/// offline; forged tokens, tokens over another hash and tokens of an authority not chained to the
/// configured root are refused.
@Suite struct TimestampTokenTests {
    /// A fixed nonce: the tests check what the token says, not the randomness.
    let nonce: [UInt8] = [0x8a, 1, 2, 3, 4, 5, 6, 7]

    /// One token from `tsa` over `record`'s SHA-256.
    func token(_ tsa: TSATestServer, over record: String) async throws -> TimestampToken {
        let request = TimestampRequest(imprint: SHA2.sha256(Array(record.utf8)), digest: .sha256, nonce: nonce)
        return try await TimestampClient(url: tsa.url).stamp(request)
    }

    /// A token over `record` from a fresh authority (stopped and removed before returning) and a
    /// verifier over that authority's root.
    func stampedOnce(_ label: String, over record: String) async throws -> (TimestampToken, TimestampVerifier) {
        let folder = try TemporaryFolder(label)
        defer { folder.remove() }
        let tsa = try await TSATestServer.start(in: folder.url)
        let stamped: TimestampToken
        do {
            stamped = try await token(tsa, over: record)
        } catch {
            await tsa.stop()
            throw error
        }
        await tsa.stop()
        return (stamped, try TimestampVerifier(rootsPEM: try tsa.rootPEM()))
    }

    func refusal(_ body: () async throws -> Void) async -> TimestampError.Code? {
        do {
            try await body()
            return nil
        } catch let error as TimestampError {
            return error.code
        } catch {
            return nil
        }
    }

    @Test func aGoodTokenVerifiesAndOpenSSLAgrees() async throws {
        let folder = try TemporaryFolder("tsa-good")
        defer { folder.remove() }
        let tsa = try await TSATestServer.start(in: folder.url.appendingPathComponent("ca"))
        do {
            let record = "convocation s1 révision 0"
            let token = try await token(tsa, over: record)
            let verifier = try TimestampVerifier(rootsPEM: try tsa.rootPEM())
            let info = try await verifier.verify(token, imprint: SHA2.sha256(Array(record.utf8)), digest: .sha256)
            #expect(info.policy == "1.3.6.1.4.1.99999.1" && !info.serial.isEmpty && info.nonce == [0, 0x8a, 1, 2, 3, 4, 5, 6, 7])
            // The token read back from its bytes says the same; OpenSSL checks it the same way.
            #expect(try TimestampToken(der: token.der).info == info)
            let data = folder.url.appendingPathComponent("record.txt"), tokenFile = folder.url.appendingPathComponent("token.der")
            try Data(record.utf8).write(to: data)
            try Data(token.der).write(to: tokenFile)
            let openssl = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/openssl"), [
                "ts", "-verify", "-token_in", "-in", tokenFile.path, "-data", data.path, "-CAfile", tsa.rootFile.path])
            #expect(openssl.status == 0 && openssl.output.contains("Verification: OK"), "\(openssl.output) \(openssl.errors)")
        } catch {
            await tsa.stop()
            throw error
        }
        await tsa.stop()
    }

    @Test func aForgedTokenIsRefused() async throws {
        let (good, verifier) = try await stampedOnce("tsa-forged", over: "accusé de lecture")
        let imprint = SHA2.sha256(Array("accusé de lecture".utf8))
        _ = try await verifier.verify(good, imprint: imprint, digest: .sha256)

        // The signature's last byte flipped.
        var bytes = good.der
        let signatureStart = try #require(bytes.firstRange(of: good.signature)).lowerBound
        bytes[signatureStart + good.signature.count - 1] ^= 0x01
        let flipped = try TimestampToken(der: bytes)
        #expect(await refusal { _ = try await verifier.verify(flipped, imprint: imprint, digest: .sha256) } == .forged)

        // The time in the signed TSTInfo changed (a later genTime): the signed digest no longer matches.
        var later = good.der
        let content = try #require(later.firstRange(of: good.content)).lowerBound
        // GeneralizedTime: tag 0x18, 15 bytes "YYYYMMDDhhmmssZ"; its last second digit changed.
        let time = try #require(later[content...].firstRange(of: [0x18, 0x0f, UInt8(ascii: "2"), UInt8(ascii: "0")])).lowerBound
        let second = time + 2 + 13
        later[second] = later[second] == UInt8(ascii: "9") ? UInt8(ascii: "8") : later[second] + 1
        let moved = try TimestampToken(der: later)
        #expect(moved.info.genTime != good.info.genTime)
        #expect(await refusal { _ = try await verifier.verify(moved, imprint: imprint, digest: .sha256) } == .forged)
    }

    @Test func aTokenOverAnotherHashIsRefused() async throws {
        let (token, verifier) = try await stampedOnce("tsa-other", over: "convocation s1 révision 0")
        let other = SHA2.sha256(Array("convocation s1 révision 1".utf8))
        #expect(await refusal { _ = try await verifier.verify(token, imprint: other, digest: .sha256) } == .otherHash)
        #expect(await refusal { _ = try await verifier.verify(token, imprint: SHA2.sha512(Array("convocation s1 révision 0".utf8)), digest: .sha512) } == .otherHash)
    }

    @Test func aTokenOfAnAuthorityNotChainedToTheRootIsRefused() async throws {
        let folder = try TemporaryFolder("tsa-untrusted")
        defer { folder.remove() }
        let trusted = try await TSATestServer.start(in: folder.url.appendingPathComponent("trusted"), name: "HuisClos test CA")
        let stranger = try await TSATestServer.start(in: folder.url.appendingPathComponent("stranger"), name: "Another CA")
        let token = try await token(stranger, over: "accusé de réception")
        await trusted.stop()
        await stranger.stop()
        let imprint = SHA2.sha256(Array("accusé de réception".utf8))
        // Signed well, by a TSA whose certificate is in the token: only the chain to the council's root is missing.
        _ = try await TimestampVerifier(rootsPEM: try stranger.rootPEM()).verify(token, imprint: imprint, digest: .sha256)
        let verifier = try TimestampVerifier(rootsPEM: try trusted.rootPEM())
        #expect(await refusal { _ = try await verifier.verify(token, imprint: imprint, digest: .sha256) } == .untrustedAuthority)
    }

    @Test func theClientRefusesAnUnreachableAuthority() async throws {
        let request = TimestampRequest(imprint: SHA2.sha256([1]), digest: .sha256, nonce: nonce)
        // Port 9 (discard) on loopback: nothing listens in the test container.
        #expect(await refusal { _ = try await TimestampClient(url: "http://127.0.0.1:9/", timeout: .seconds(1)).stamp(request) } == .unreachable)
    }
}
