import Foundation
import HuisClosTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11 through the built `huisclos`: the root's offline backup and its restoration on a new
/// device (finding 9), a damaged replica named as tampered (finding 8, issue 15 item 2), and no
/// core dumps of the process (finding 11).
@Suite(.tags(.cli, .slow)) struct DeviceSafetyCLITests {
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
            // The attacker's review: a stolen secretariat device still holding the root can certify devices;
            // its status now says the root is there and how to take it off.
            #expect(try await council.object("secretariat", ["status"])["holdsTrustRoot"] as? Bool == true)
            let holding = try await council.ok("secretariat", ["status"], english: false)
            #expect(holding.contains("Racine de confiance : sur cet appareil") && holding.contains("--retirer"), "\(holding)")
            let exported = try await Self.racine(council, "secretariat", ["exporter", "--sortie", backup, "--retirer"])
            #expect(exported.status == 0 && exported.errors.contains("offline"), "\(exported.output) \(exported.errors)")
            #expect(try await council.object("secretariat", ["status"])["holdsTrustRoot"] as? Bool == false)
            #expect(!(try await council.ok("secretariat", ["status"], english: false)).contains("Racine de confiance"))
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

    /// The new secretariat's review: once the only secretariat device is lost (or stolen), no
    /// device is left to run `admin code`. The server's admin token alone makes the code
    /// (`admin code --serveur`), the new device pins the root from the backup file (`enrol
    /// --racine FICHIER`), takes the root back, and revokes the lost device.
    @Test func theOnlySecretariatDeviceLostIsReplacedWithTheAdminTokenAndTheBackupAlone() async throws {
        try await CouncilCLI.with("root-lost-cli") { council in
            try await council.setUp()
            let backup = council.folder.url.appendingPathComponent("racine.hcroot").path
            let exported = try await Self.racine(council, "secretariat", ["exporter", "--sortie", backup])
            #expect(exported.status == 0, "\(exported.errors)")
            let lost = try #require((try await council.object("secretariat", ["status"])["device"] as? [String: Any]))
            let member = try #require(lost["member"] as? String), lostKey = try #require(lost["signingKey"] as? String)
            let lostFingerprint = try #require(lost["fingerprint"] as? String)
            try FileManager.default.removeItem(atPath: council.device("secretariat"))

            let code = try await council.object("replacement", ["admin", "code", "--serveur", council.url])
            #expect(code["root"] is NSNull, "no device, so no root to print: it comes from the backup")
            try await council.ok("replacement", ["enrol", "--serveur", council.url, "--code", try #require(code["code"] as? String),
                                                 "--racine", backup, "--membre", member, "--charte", council.charter.path])
            let restored = try await Self.racine(council, "replacement", ["restaurer", backup])
            #expect(restored.status == 0, "\(restored.output) \(restored.errors)")
            try await council.ok("replacement", ["admin", "revoquer", "--cle-appareil", lostKey])
            let devices = try await council.rows("replacement", ["appareils", "liste"])
            #expect(devices.contains { ($0["fingerprint"] as? String) == lostFingerprint && $0["revokedOn"] is String }, "the lost device is revoked: \(devices)")
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

    /// Finding 11: the `huisclos` process, started with a core limit of 1 MiB, runs with a core
    /// limit of 0 (soft and hard) as soon as its entry point ran. It is held mid-command by a
    /// relay that accepts the connection and never answers, and read from `/proc/<pid>/limits`.
    @Test func theHuisclosProcessRunsWithoutCoreDumps() async throws {
        #if os(Linux)
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        #expect(bound && listen(listener, 8) == 0)
        let port = UInt16(bigEndian: address.sin_port)

        let folder = try TemporaryFolder("core-limit")
        defer { folder.remove() }
        let charter = folder.url.appendingPathComponent("charte.txt")
        try Data("Charte.\n".utf8).write(to: charter)
        let huisclos = ServerProcess.executable.deletingLastPathComponent().appendingPathComponent("huisclos").path
        let process = try ChildProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", "ulimit -S -c 1024 && exec \"$0\" \"$@\"", huisclos, "enrol", "--server", "http://127.0.0.1:\(port)",
                             "--code", "AAAA-BBBB", "--root", String(repeating: "ab", count: 32), "--member", String(repeating: "cd", count: 16),
                             "--charter", charter.path, "--device", folder.url.appendingPathComponent("device").path],
                                       environment: ["HUISCLOS_PASSPHRASE": "phrase de passe du test de coeur", "PATH": "/usr/bin:/bin"])
        defer {
            process.signal(SIGKILL)
            process.wait()
        }

        // The shell's limit (1 MiB soft) until huisclos's entry point hardens the process.
        var line = ""
        for _ in 0..<100 where process.isRunning {
            let limits = (try? String(contentsOfFile: "/proc/\(process.pid)/limits", encoding: .utf8)) ?? ""
            line = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }.map(String.init) ?? ""
            let fields = line.split(separator: " ")
            if fields.count >= 6, fields[4] == "0", fields[5] == "0" { break }
            usleep(50_000)
        }
        let fields = line.split(separator: " ")
        #expect(fields.count >= 6 && fields[4] == "0" && fields[5] == "0", "core limit of the running huisclos: \(line)")
        #endif
    }
}
