import Foundation
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import NIOHTTP1
import Testing

/// Issue 14: a council created while the relay runs (`huisclos-server councils create`) is served
/// from the first request naming it, without restarting the relay; what names no council stays
/// the 404 it was, and a council whose folder appears damaged answers 503 under its prefix alone.
@Suite(.serialized, .tags(.slow)) struct LateCouncilTests {
    @Test func aCouncilCreatedWhileTheRelayRunsIsServedWithoutARestart() async throws {
        try await TestServer.with("late-council") { server in
            #expect(try await RawRequest.send(server.url, .GET, "/councils/nord/readyz", version: nil).status == 404)
            let directory = CouncilDirectory(dataFolder: server.folder)
            _ = try directory.create(try CouncilID("nord"))
            #expect(try await RawRequest.send(server.url, .GET, "/councils/nord/readyz", version: nil).status == 200)
            // Served like a council found at start: a device enrols with its own admin token and pushes.
            let nord = try server.council("nord")
            let device = try await TestDevice.enrolled(on: nord.url, adminToken: nord.adminToken)
            _ = try await device.client.push([try await device.store.author(scope: .council, body: [1])])
            // Its devices are its own: unknown at the root.
            await #expect(throws: APIError(.unknownDevice)) {
                _ = try await SyncClient(server: server.url, device: device.key).login()
            }
            #expect(try await RawRequest.send(server.url, .GET, "/councils/sud/readyz", version: nil).status == 404)
            #expect(try await RawRequest.send(server.url, .GET, "/councils/Not-An-Id/readyz", version: nil).status == 404)
        }
    }

    @Test func aLateCouncilThatCannotBeOpenedAnswers503UnderItsPrefixOnly() async throws {
        try await TestServer.with("late-council-damaged") { server in
            let directory = CouncilDirectory(dataFolder: server.folder)
            let id = try CouncilID("ouest")
            _ = try directory.create(id)
            try Data(repeating: 0x5A, count: 8192).write(to: directory.folder(of: id).appendingPathComponent("huisclos-server.sqlite"))
            #expect(try await RawRequest.send(server.url, .GET, "/councils/ouest/readyz", version: nil).status == 503)
            #expect(try await RawRequest.send(server.url, .GET, "/readyz", version: nil).status == 200)
            _ = try await TestDevice.enrolled(on: server.url)
        }
    }
}
