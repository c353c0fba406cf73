import Foundation
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosTestSupport
import Testing

/// A device used after `lock()` refuses with the typed `device.locked` error instead of
/// crashing the process (SQLite as Debian builds it dereferences a closed connection).
@Suite(.tags(.slow)) struct LockedDeviceTests {
    @Test func aLockedDeviceRefusesReadsWritesAndSyncsWithTheLockedError() async throws {
        try await TestServer.with("locked-device") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            try await alice.lock()
            let read = #expect(throws: (any Error).self) { _ = try alice.council.seances() }
            #expect((read as? DeviceError)?.code == .locked, "\(String(describing: read))")
            let raw = #expect(throws: (any Error).self) { _ = try CouncilHarness.text(alice, scope: .council, kind: "working-note", id: "d1", field: "titre") }
            #expect((raw as? DeviceError)?.code == .locked, "\(String(describing: raw))")
            let written = await #expect(throws: (any Error).self) { try await alice.commit([try CouncilHarness.set("d1", "titre", "après")], scope: .council) }
            #expect((written as? DeviceError)?.code == .locked, "\(String(describing: written))")
            let synced = await #expect(throws: (any Error).self) { _ = try await alice.sync() }
            #expect((synced as? DeviceError)?.code == .locked, "\(String(describing: synced))")
            try await alice.lock()  // harmless when repeated
        }
    }
}
