import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Synchronization
import Testing

/// Issue 15 item 1: a relay restored from an older copy of its data folder (a backup, or a damaged
/// WAL) lost batches it had acknowledged. Devices see it (a head below their cursor, or another
/// batch at their cursor's position), push back what they hold, pull again, and say so.
@Suite(.tags(.slow)) struct RelayRestoreTests {
    /// A relay whose data folder can be copied and later put back, the server stopped meanwhile.
    final class RestorableRelay: Sendable {
        let folder: TemporaryFolder
        let server: Mutex<TestServer?>

        init(_ label: String) async throws {
            folder = try TemporaryFolder(label)
            server = Mutex(try await TestServer.start(folder: folder.url.appendingPathComponent("relay")))
        }

        var url: String { server.withLock { $0?.url ?? "" } }
        var data: URL { folder.url.appendingPathComponent("relay") }
        var copy: URL { folder.url.appendingPathComponent("copy") }

        /// Stops the relay, runs `body` on its stopped folder, starts it again (on another port).
        func whileStopped(_ body: () throws -> Void) async throws {
            let running = server.withLock { current in defer { current = nil }; return current }
            await running?.stop()
            try body()
            let restarted = try await TestServer.start(folder: data)
            server.withLock { $0 = restarted }
        }

        /// Copies the data folder aside.
        func takeCopy() async throws {
            try await whileStopped { try FileManager.default.copyItem(at: data, to: copy) }
        }

        /// Puts the copy back in place of the data folder: everything since the copy is lost.
        func restoreCopy() async throws {
            try await whileStopped {
                try FileManager.default.removeItem(at: data)
                try FileManager.default.copyItem(at: copy, to: data)
            }
        }

        static func with(_ label: String, _ body: (RestorableRelay) async throws -> Void) async throws {
            let relay = try await RestorableRelay(label)
            defer { relay.folder.remove() }
            do { try await body(relay) } catch {
                await relay.server.withLock { $0 }?.stop()
                throw error
            }
            await relay.server.withLock { $0 }?.stop()
        }
    }

    @Test func aRelayRestoredFromAnOlderCopyGetsBackEveryAcknowledgedBatchFromTheDevices() async throws {
        try await RestorableRelay.with("relay-restore") { relay in
            var devices = try await (0..<4).asyncMap { _ in try await TestDevice.enrolled(on: relay.url) }
            for device in devices.prefix(3) { try await device.store.author(scope: .council, body: [0]) }
            for device in devices { _ = try await device.driver.sync() }
            try await relay.takeCopy()

            // Writes from three devices, each acknowledged by the relay, then pulled by everyone.
            devices = devices.map { $0.reconnected(to: relay.url) }
            for (index, device) in devices.prefix(3).enumerated() {
                for step in 1...3 { try await device.store.author(scope: .council, body: [UInt8(index), UInt8(step)]) }
                let report = try await device.driver.sync()
                #expect(report.pushed == 3 && report.pushRejected.isEmpty)
            }
            for device in devices { _ = try await device.driver.sync() }
            #expect(await devices[3].store.count(in: .council) == 12)

            try await relay.restoreCopy()
            devices = devices.map { $0.reconnected(to: relay.url) }
            // The fourth device, which lost nothing of its own, writes first on the restored relay:
            // its batches take the positions the others had pulled lost batches at.
            for step in 0..<10 { try await devices[3].store.author(scope: .council, body: [3, UInt8(step)]) }
            var reports: [SyncReport] = []
            for device in [devices[3]] + devices.prefix(3) { reports.append(try await device.driver.sync()) }
            for device in devices { reports.append(try await device.driver.sync()) }

            let everything = await devices[3].store.heldBatches()
            #expect(everything[.council]?.count == 22)
            for device in devices { #expect(await device.store.heldBatches() == everything) }
            let newcomer = try await TestDevice.enrolled(on: relay.url)
            _ = try await newcomer.driver.sync()
            #expect(await newcomer.store.heldBatches() == everything, "the relay holds every acknowledged batch again")
            #expect(reports.allSatisfy { $0.problems.isEmpty })
            let repair = try #require(reports[0].repairs.first)
            #expect(repair.evidence == .batchReplaced(position: 12) && repair.restored == 9, "\(reports[0].repairs)")
            #expect(repair.text.english.contains("The server had lost batches of “council”"))
        }
    }

    @Test func aDeviceWhoseAcknowledgedBatchesTheRelayLostBeforeItPulledThemPushesThemBack() async throws {
        try await RestorableRelay.with("relay-restore-gap") { relay in
            var writer = try await TestDevice.enrolled(on: relay.url)
            try await writer.store.author(scope: .council, body: [0])
            _ = try await writer.driver.sync()
            try await relay.takeCopy()
            writer = writer.reconnected(to: relay.url)
            // Acknowledged, then the sync was cut before its pull: the cursor never passed them.
            let pushed = try await [writer.store.author(scope: .council, body: [1]), writer.store.author(scope: .council, body: [2])]
            _ = try await writer.client.push(pushed)
            await writer.store.acknowledge(pushed.map(\.id))

            try await relay.restoreCopy()
            writer = writer.reconnected(to: relay.url)
            try await writer.store.author(scope: .council, body: [3])
            let report = try await writer.driver.sync()
            #expect(report.pushRejected.isEmpty && report.problems.isEmpty, "\(report.problems)")
            #expect(report.repairs.map(\.evidence) == [.ownBatchesMissing] && report.repairs.first?.restored == 3)
            #expect(await writer.store.outbox().isEmpty)
            let reader = try await TestDevice.enrolled(on: relay.url)
            _ = try await reader.driver.sync()
            #expect(await reader.store.count(in: .council) == 4)
        }
    }

    @Test func aLossTheRelayWillNotTakeBackIsAProblemThatSaysWhatToDo() async throws {
        try await RestorableRelay.with("relay-restore-refused") { relay in
            var reader = try await TestDevice.enrolled(on: relay.url)
            var writer = try await TestDevice.enrolled(on: relay.url)
            _ = try await reader.driver.sync()
            try await relay.takeCopy()
            (reader, writer) = (reader.reconnected(to: relay.url), writer.reconnected(to: relay.url))
            try await writer.store.author(scope: .council, body: [1])
            _ = try await writer.driver.sync()
            _ = try await reader.driver.sync()

            try await relay.restoreCopy()
            reader = reader.reconnected(to: relay.url)
            // The restored relay no longer lets the writer's batches in (revoked since): the reader
            // cannot give them back, and says so.
            _ = try await SyncClient(server: relay.url, device: nil).revoke(writer.key.publicKey, adminToken: TestServer.adminToken)
            let report = try await reader.driver.sync()
            let repair = try #require(report.repairs.first)
            #expect(repair.evidence == .headBehind(relayHead: 0, devicePosition: 1) && repair.refused.count == 1)
            let problem = try #require(report.problems.first)
            #expect(problem.english.contains("refused to take back 1 lost batch(es) of “council”") && problem.english.contains("Tell the secretariat"),
                    "\(problem.english)")
            #expect(problem.french.contains("Prévenez le secrétariat"))
        }
    }
}
