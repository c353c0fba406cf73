import Foundation
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import NIOHTTP1
import Testing

/// One hosted council's fault stops that council only: a damaged database, a malformed
/// `public-site.json` or another council's database in its folder make it answer 503 under its
/// prefix, while the relay, the default council and the other councils start and serve; the
/// root `/readyz` reports the process and the default council, each council's `/readyz` itself.
@Suite(.serialized, .tags(.slow)) struct CouncilFaultTests {
    /// A relay folder with the hosted councils `alpha` and `beta`, each database created by a
    /// first start; `damage` then alters beta's folder before the relay starts again.
    static func withDamagedBeta(_ label: String, damage: (_ alpha: URL, _ beta: URL) throws -> Void,
                                _ body: (TestServer) async throws -> Void) async throws {
        let folder = try TemporaryFolder(label)
        defer { folder.remove() }
        try Data(TestServer.publicSite.utf8).write(to: folder.url.appendingPathComponent("public-site.json"))
        let directory = CouncilDirectory(dataFolder: folder.url)
        for id in ["alpha", "beta"] { _ = try directory.create(try CouncilID(id)) }
        await (try await TestServer.start(folder: folder.url)).stop()
        try damage(directory.folder(of: try CouncilID("alpha")), directory.folder(of: try CouncilID("beta")))
        let server = try await TestServer.start(folder: folder.url) { $0.metricsAddress = ListenAddress(host: "127.0.0.1", port: 0) }
        do {
            try await body(server)
            await server.stop()
        } catch {
            await server.stop()
            throw error
        }
    }

    /// What every damaged-beta relay must show: beta 503 under its prefix, everyone else served.
    static func expectOnlyBetaUnavailable(_ server: TestServer) async throws {
        #expect(try await RawRequest.send(server.url, .GET, "/readyz", version: nil).status == 200, "the root: process and default council")
        #expect(try await RawRequest.send(server.url, .GET, "/councils/alpha/readyz", version: nil).status == 200)
        let beta = try await RawRequest.send(server.url, .GET, "/councils/beta/readyz", version: nil)
        #expect(beta.status == 503)
        let pull = try await RawRequest.send(server.url, .POST, "/councils/beta" + Endpoint.pull, body: [])
        #expect(pull.status == 503, "every request under beta's prefix: \(pull.status)")
        let site = try await RawRequest.send(server.url, .GET, "/councils/beta/public/", version: nil)
        #expect(site.status == 503)
        #expect(try await RelayLimitsTests.metric(server, #"huisclos_council_unavailable{council="beta"}"#) == 1)
        #expect(try await RelayLimitsTests.metric(server, #"huisclos_council_unavailable{council="alpha"}"#) == 0)
        // The others serve: a device enrols and pushes in alpha and in the default council.
        let alpha = try server.council("alpha")
        let device = try await TestDevice.enrolled(on: alpha.url, adminToken: alpha.adminToken)
        _ = try await device.client.push([try await device.store.author(scope: .council, body: [1])])
        _ = try await TestDevice.enrolled(on: server.url)
    }

    @Test func aDamagedCouncilDatabaseStopsThatCouncilOnly() async throws {
        try await Self.withDamagedBeta("fault-database", damage: { _, beta in
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(at: beta.appendingPathComponent("huisclos-server.sqlite" + suffix)) }
            try Data(repeating: 0x5A, count: 8192).write(to: beta.appendingPathComponent("huisclos-server.sqlite"))
        }, Self.expectOnlyBetaUnavailable)
    }

    @Test func aMalformedPublicSiteStopsThatCouncilOnly() async throws {
        try await Self.withDamagedBeta("fault-public-site", damage: { _, beta in
            try Data(#"{"siret": "12"}"#.utf8).write(to: beta.appendingPathComponent("public-site.json"))
        }, Self.expectOnlyBetaUnavailable)
    }

    /// Another council's database copied into beta's folder (an operator's mistake, or a restore
    /// into the wrong folder): its identity names alpha, so beta refuses to serve it.
    @Test func anotherCouncilsDatabaseInAFolderStopsThatCouncilOnly() async throws {
        try await Self.withDamagedBeta("fault-identity", damage: { alpha, beta in
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(at: beta.appendingPathComponent("huisclos-server.sqlite" + suffix)) }
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: alpha.appendingPathComponent("huisclos-server.sqlite" + suffix).path) {
                try FileManager.default.copyItem(at: alpha.appendingPathComponent("huisclos-server.sqlite" + suffix),
                                                 to: beta.appendingPathComponent("huisclos-server.sqlite" + suffix))
            }
        }, Self.expectOnlyBetaUnavailable)
    }
}
