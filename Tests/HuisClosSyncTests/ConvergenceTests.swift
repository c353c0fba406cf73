import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// Devices that edit offline and then sync through the real server end up holding the same batches.
@Suite struct ConvergenceTests {
    @Test func threeDevicesEditingOfflineConvergeAfterSyncingInTurn() async throws {
        try await TestServer.with("converge") { server in
            let access = ScopeAccess(readable: [.council, .public], writable: [.council, .public])
            var devices: [TestDevice] = []
            for _ in 0..<3 { devices.append(try await TestDevice.enrolled(on: server.url, access: access)) }
            // Offline: each device authors its own batches in both scopes.
            for (index, device) in devices.enumerated() {
                for edit in 0..<(5 + index) {
                    try await device.store.author(scope: edit % 2 == 0 ? .council : .public, body: [UInt8(index), UInt8(edit)])
                }
            }
            // Sync in turn, twice round (the first devices see the later ones' work on the second round).
            for _ in 0..<2 {
                for device in devices { _ = try await device.driver.sync() }
            }
            let held = await devices.asyncMap { await $0.store.heldBatches() }
            #expect(held[0] == held[1] && held[1] == held[2])
            #expect(held[0][.council, default: []].count + held[0][.public, default: []].count == 5 + 6 + 7)
            for device in devices {
                #expect(await device.store.outbox().isEmpty)
                #expect(await device.store.placedCount == 18, "nothing was applied twice")
            }
        }
    }

    @Test func aSecondSyncWithNothingNewChangesNothing() async throws {
        try await TestServer.with("idle-sync") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            try await device.store.author(scope: .council, body: [1])
            _ = try await device.driver.sync()
            let again = try await device.driver.sync()
            #expect(again.pushed == 0 && again.pulled == ApplyReport())
        }
    }
}
