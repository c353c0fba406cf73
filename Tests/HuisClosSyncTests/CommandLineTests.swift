import Foundation
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosWire
import Testing

/// The built `huisclos` executable: enrol, sync and files end to end, exit codes, language.
@Suite struct CommandLineTests {
    @Test func enrolSyncAndFileRoundTripThroughTheCommandLine() async throws {
        try await TestServer.with("cli") { server in
            let folder = try TemporaryFolder("cli-device")
            defer { folder.remove() }
            let writer = try await TestDevice.enrolled(on: server.url)
            for index in 0..<3 { try await writer.store.author(scope: .council, body: [UInt8(index)]) }
            _ = try await writer.driver.sync()

            let environment = ["HUISCLOS_ADMIN_TOKEN": TestServer.adminToken, "HUISCLOS_PASSPHRASE": "correct horse",
                               "HUISCLOS_DEVICE": folder.url.appendingPathComponent("device").path, "LANG": "en"]
            let code = try await CommandRun.run("huisclos", ["admin", "code", "--server", server.url, "--read", "council"],
                                                environment: environment)
            #expect(code.status == 0)
            let enrol = try await CommandRun.run("huisclos", ["enrol", "--server", server.url, "--code",
                                                              String(code.output.prefix { $0 != "\n" })], environment: environment)
            #expect(enrol.status == 0 && enrol.output.contains("Device enrolled"))
            let sync = try await CommandRun.run("huisclos", ["sync"], environment: environment)
            #expect(sync.status == 0 && sync.output.contains("received: 3"))
            let again = try await CommandRun.run("huisclos", ["sync"], environment: environment)
            #expect(again.output.contains("received: 0"), "the mirror's cursor persisted")

            let payload = folder.url.appendingPathComponent("payload.bin")
            try Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: payload)
            let put = try await CommandRun.run("huisclos", ["file", "put", "--id", "f00d", "--scope", "council", payload.path],
                                               environment: environment)
            #expect(put.status == 77, "a read-only device may not upload: \(put.errors)")
            #expect(put.errors.contains("forbidden"))
        }
    }

    @Test func failuresExitWithTheirDocumentedStatusInFrenchByDefault() async throws {
        let folder = try TemporaryFolder("cli-errors")
        defer { folder.remove() }
        let missing = try await CommandRun.run("huisclos", ["status", "--device", folder.url.path],
                                               environment: ["LANG": "fr_FR.UTF-8", "HUISCLOS_PASSPHRASE": "x"])
        #expect(missing.status == ExitStatus.notAllowed.rawValue)
        #expect(missing.errors.hasPrefix("Erreur (unknownDevice)"))
        let unreachable = try await CommandRun.run("huisclos", ["admin", "code", "--server", "http://127.0.0.1:9", "--read", "council"],
                                                   environment: ["LANG": "en", "HUISCLOS_ADMIN_TOKEN": "whatever-token-long-enough"])
        #expect(unreachable.status == ExitStatus.unreachable.rawValue)
        #expect(unreachable.errors.hasPrefix("Error (unreachable)"))
    }
}
