import Foundation
import HuisClosTestSupport
import Testing

/// Issue 11 through the built `huisclos`: the root's offline backup and its restoration on a new
/// device (finding 9), and a damaged replica named as tampered (finding 8, issue 15 item 2).
@Suite struct DeviceSafetyCLITests {
    static let rootPassphrase = "coffre-fort du secrétariat n° 2"

    /// `huisclos admin racine …` on `who`'s device, the backup's passphrase from the environment.
    static func racine(_ council: CouncilCLI, _ who: String, _ arguments: [String]) async throws -> CommandRun {
        try await CommandRun.run("huisclos", ["admin", "racine"] + arguments + ["--device", council.device(who)], environment: [
            "HUISCLOS_PASSPHRASE": CouncilCLI.passphrase, "HUISCLOS_ROOT_PASSPHRASE": rootPassphrase, "LANG": "en", "LC_ALL": "",
        ])
    }

    @Test func theRootIsExportedOnceOfflineAndRestoredOnANewSecretariatDevice() async throws {
        try await CouncilCLI.with("root-backup-cli") { council in
            try await council.setUp()
            let backup = council.folder.url.appendingPathComponent("racine.hcroot").path
            let exported = try await Self.racine(council, "secretariat", ["exporter", "--sortie", backup, "--retirer"])
            #expect(exported.status == 0 && exported.errors.contains("offline"), "\(exported.output) \(exported.errors)")
            #expect((try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int) == 0o600)
            let again = try await Self.racine(council, "secretariat", ["exporter", "--sortie", backup])
            #expect(again.status != 0, "the root left this device with --retirer, and the file exists")

            // A new device of the secretariat member, enrolled with a code; the root comes back on it.
            let member = try #require((try await council.object("secretariat", ["status"])["device"] as? [String: Any])?["member"] as? String)
            let code = try await council.object("secretariat", ["admin", "code"])
            try await council.ok("replacement", ["enrol", "--server", council.url, "--code", try #require(code["code"] as? String),
                                                 "--root", try #require(code["root"] as? String), "--member", member,
                                                 "--charter", council.charter.path])
            let restored = try await Self.racine(council, "replacement", ["restaurer", backup])
            #expect(restored.status == 0, "\(restored.output) \(restored.errors)")
            #expect(try await council.object("replacement", ["status"])["valid"] as? Bool == true)
        }
    }

    @Test func aDamagedReplicaPageIsReportedAsTamperedNotAsADiskError() async throws {
        try await CouncilCLI.with("tampered-cli") { council in
            try await council.setUp()
            let database = URL(fileURLWithPath: council.device("secretariat")).appendingPathComponent("replica.db")
            var bytes = [UInt8](try Data(contentsOf: database))
            for page in 1..<(bytes.count / 4096) { bytes[page * 4096 + 100] ^= 0x01 }  // every page but the first
            try Data(bytes).write(to: database)
            let status = try await council.run("secretariat", ["status"], english: true)
            #expect(status.status == 74 && status.errors.contains("tampered") && !status.errors.contains("disk I/O"), "\(status.errors)")
        }
    }
}
