import Foundation
import HuisClosCrypto
@testable import HuisClosDevice
import HuisClosEngine
import HuisClosProtocol
import HuisClosServer
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// What the relay and the people who left can see: nothing.
@Suite(.tags(.slow)) struct ConfidentialityTests {
    /// Every way a marker could be written: UTF-8, UTF-16 (both byte orders), hex, base64.
    static func encodings(of marker: String) -> [[UInt8]] {
        let utf8 = Array(marker.utf8)
        let utf16le = marker.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] }
        let utf16be = marker.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
        return [utf8, utf16le, utf16be, Array(Hex.encode(utf8).utf8), Array(Hex.encode(utf8).uppercased().utf8),
                Array(Data(utf8).base64EncodedString().utf8)]
    }

    /// How many (file, marker encoding) pairs match under `folder`, every file recursively.
    static func hits(of markers: [String], under folder: URL) throws -> Int {
        let patterns = markers.flatMap(encodings)
        var count = 0
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else { continue }
            for pattern in patterns where data.range(of: Data(pattern)) != nil { count += 1 }
        }
        return count
    }

    @Test func hundredConfidentialDossiersLeaveNoMarkerOnTheServerItsLogsOrTheDevicesDisks() async throws {
        // The real server executable, logging at its most verbose level into a file we scan too.
        let scratch = try TemporaryFolder("scan")
        defer { scratch.remove() }
        let data = scratch.url.appendingPathComponent("data")
        let logs = scratch.url.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let server = try await ServerProcess.start(folder: data, logFile: logs.appendingPathComponent("server.log"))
        do {
            let council = try await CouncilHarness.start(at: server.url)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let markers = (0..<100).map { "MARQUEUR-CONFIDENTIEL-\($0)-\(UUID().uuidString)" }
            for (index, marker) in markers.enumerated() {
                let author = index.isMultiple(of: 2) ? council.secretariat : alice
                try await author.commit([try CouncilHarness.set("dossier-\(index)", "contenu", marker)], scope: .council)
            }
            _ = try await council.secretariat.sync()
            _ = try await alice.sync()
            _ = try await council.secretariat.sync()
            // Both devices read every dossier: the test's markers did travel.
            for (index, marker) in markers.enumerated() {
                #expect(try CouncilHarness.text(council.secretariat, scope: .council, kind: "working-note", id: "dossier-\(index)", field: "contenu") == marker)
                #expect(try CouncilHarness.text(alice, scope: .council, kind: "working-note", id: "dossier-\(index)", field: "contenu") == marker)
            }
            #expect(try Self.hits(of: markers, under: data) == 0)
            #expect(try Self.hits(of: markers, under: logs) == 0)
            #expect(try Self.hits(of: markers, under: council.folder.url) == 0)
            #expect(try Data(contentsOf: logs.appendingPathComponent("server.log")).count > 0, "the server did log")
            // The scan does find a marker written in clear (it is not blind).
            try Data(Self.encodings(of: markers[0])[1]).write(to: data.appendingPathComponent("control"))
            #expect(try Self.hits(of: markers, under: data) == 1)
            await server.terminate()
        } catch {
            await server.terminate()
            throw error
        }
    }

    @Test func aRemovedMembersDeviceKeepingItsKeysDecryptsNoLaterBatch() async throws {
        try await TestServer.with("removed") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            try await council.secretariat.sign(.endMandate(member: alice.member, reason: .resignation))
            _ = try await council.secretariat.sync()  // rotates the council key: epoch 2, not sealed to alice
            #expect(await council.secretariat.membership.currentEpoch(of: .council) == 2)
            for index in 0..<20 {
                try await council.secretariat.commit([try CouncilHarness.set("apres-\(index)", "contenu", "secret \(index)")], scope: .council)
            }
            _ = try await council.secretariat.sync()
            let page = try await server.storage.pull(scope: .council, after: 0, maxBatches: 2_000, maxBytes: 64 << 20)
            let later = try page.batches.map { try BatchEnvelope(verifying: $0) }.filter { $0.epoch >= 2 }
            #expect(later.count == 20)
            // Every later batch, tried one by one with every key the device ever held: 0 open.
            let codec = SealingBodyCodec(context: await alice.context)
            #expect(await alice.context.keyring.heldEpochs(of: .council) == [1])
            let opened = later.filter { (try? codec.open($0)) != nil }.count
            #expect(opened == 0)
            let report = try alice.store.apply(batches: later)
            #expect(report.applied.isEmpty)
            _ = try await alice.sync()  // the relay no longer serves it the council scope
            #expect(try CouncilHarness.text(alice, scope: .council, kind: "working-note", id: "apres-0", field: "contenu") == nil)
        }
    }

    @Test func aSecondCircleMemberNeverReceivesACouncilBatchAndCannotDecryptOne() async throws {
        try await TestServer.with("second-circle") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let group = try ScopeID("hearing:inclusion")  // a scope beyond the council the secretariat writes in (it sits in no working group)
            try await council.secretariat.sign(.addToScope(member: council.secretariat.member, scope: group, access: .readWrite, expiry: nil))
            let carol = try await council.enrolMember("carol", role: .secondCircle, scopes: [group])
            for index in 0..<10 {
                try await council.secretariat.commit([try CouncilHarness.set("c-\(index)", "contenu", "conseil \(index)")], scope: .council)
            }
            try await council.secretariat.commit([try CouncilHarness.set("g-1", "contenu", "groupe")], scope: group)
            _ = try await council.secretariat.sync()
            let report = try await carol.sync()
            #expect(try CouncilHarness.text(carol, scope: group, kind: "working-note", id: "g-1", field: "contenu") == "groupe")
            #expect(report.batches.pulled.applied == 1)

            let (_, client) = try await RevocationTests.bareDevice(council, role: .secondCircle, scopes: [group])
            await #expect(throws: APIError(.forbidden)) { _ = try await client.pull(scope: .council, after: 0) }

            let page = try await server.storage.pull(scope: .council, after: 0, maxBatches: 2_000, maxBytes: 64 << 20)
            let handed = try page.batches.map { try BatchEnvelope(verifying: $0) }
            #expect(handed.count == 10)
            let applied = try carol.store.apply(batches: handed)
            #expect(applied.applied.isEmpty)
            // The first is refused (no key); the rest wait behind it in their chain, never merged.
            #expect(applied.rejected.count + applied.held.count == 10)
            for index in 0..<10 {
                #expect(try CouncilHarness.text(carol, scope: .council, kind: "working-note", id: "c-\(index)", field: "contenu") == nil)
            }
        }
    }
}
