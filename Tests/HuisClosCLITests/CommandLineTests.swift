import Foundation
import HuisClosL10n
import HuisClosProtocol
import HuisClosTestSupport
import HuisClosWire
import Testing

/// The built `huisclos` executable: council set-up, enrolment, certification, sync; exit codes, language.
@Suite(.tags(.cli, .slow)) struct CommandLineTests {
    static func json(_ run: CommandRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], "\(run.output) \(run.errors)")
    }

    @Test func theSecretariatSetsUpACouncilAndAMembersDeviceSyncsThroughTheCommandLine() async throws {
        try await TestServer.with("cli") { server in
            let folder = try TemporaryFolder("cli-device")
            defer { folder.remove() }
            let charter = folder.url.appendingPathComponent("charte.txt")
            try Data("Charte de déontologie".utf8).write(to: charter)
            let base = ["HUISCLOS_ADMIN_TOKEN": TestServer.adminToken, "HUISCLOS_PASSPHRASE": "correct horse", "LANG": "en"]
            var secretariat = base
            secretariat["HUISCLOS_DEVICE"] = folder.url.appendingPathComponent("secretariat").path
            var member = base
            member["HUISCLOS_DEVICE"] = folder.url.appendingPathComponent("member").path

            let setup = try await CommandRun.run("huisclos", ["admin", "setup", "--server", server.url, "--name", "Conseil",
                                                              "--order", "2026-1", "--charter", charter.path, "--json"], environment: secretariat)
            #expect(setup.status == 0, "\(setup.errors)")
            let root = try #require(try Self.json(setup)["root"] as? String)
            let appoint = try await CommandRun.run("huisclos", ["membres", "nommer", "--nom", "Alice Martin", "--categorie", "research", "--arrete", "2026-2", "--json"], environment: secretariat)
            let memberID = try #require(try Self.json(appoint)["member"] as? String)
            let code = try #require(try Self.json(try await CommandRun.run("huisclos", ["admin", "code", "--json"], environment: secretariat))["code"] as? String)

            let enrol = try await CommandRun.run("huisclos", ["enrol", "--server", server.url, "--code", code, "--root", root,
                                                              "--member", memberID, "--charter", charter.path, "--json"], environment: member)
            #expect(enrol.status == 0, "\(enrol.errors)")
            let card = try Self.json(enrol)
            let certify = try await CommandRun.run("huisclos", ["admin", "certify", "--member", memberID, "--signing", card["signingKey"] as! String,
                                                                "--agreement", card["agreementKey"] as! String, "--check", card["check"] as! String],
                                                   environment: secretariat)
            #expect(certify.status == 0, "\(certify.errors)")
            // The council key was sealed to the device at certification: its one sync takes it.
            let sync = try await CommandRun.run("huisclos", ["sync"], environment: member)
            #expect(sync.status == 0 && sync.output.contains("keys: +1"), "\(sync.output) \(sync.errors)")
            let status = try Self.json(try await CommandRun.run("huisclos", ["status", "--json"], environment: member))
            #expect((status["readable"] as? [String])?.contains("council") == true)

        }
    }

    @Test func failuresExitWithTheirDocumentedStatusInFrenchByDefault() async throws {
        let folder = try TemporaryFolder("cli-errors")
        defer { folder.remove() }
        let missing = try await CommandRun.run("huisclos", ["status", "--device", folder.url.appendingPathComponent("none").path],
                                               environment: ["LANG": "fr_FR.UTF-8", "HUISCLOS_PASSPHRASE": "x"])
        #expect(missing.status == ExitStatus.notAllowed.rawValue)
        #expect(missing.errors.hasPrefix("Erreur (device.noDevice)"), "\(missing.errors)")
        // No passphrase is asked for a device that is not there (the new secretariat's review).
        let none = folder.url.appendingPathComponent("none").path
        for command in [["passphrase", "--device", none], ["admin", "racine", "exporter", "--device", none, "--sortie", none + ".racine"]] {
            let asked = try await CommandRun.run("huisclos", command, environment: ["LANG": "fr_FR.UTF-8", "HUISCLOS_PASSPHRASE": ""])
            #expect(asked.status == ExitStatus.notAllowed.rawValue && asked.errors.hasPrefix("Erreur (device.noDevice)"), "\(command): \(asked.errors)")
        }
        let noPassphrase = try await CommandRun.run("huisclos", ["passphrase", "--device", folder.url.path],
                                                    environment: ["LANG": "fr_FR.UTF-8", "HUISCLOS_PASSPHRASE": ""])
        #expect(noPassphrase.status == ExitStatus.passphraseMissing.rawValue, "\(noPassphrase.errors)")
        #expect(noPassphrase.errors.hasPrefix("Erreur (usage.passphraseMissing) : phrase de passe manquante"), "\(noPassphrase.errors)")
        let charter = folder.url.appendingPathComponent("charte.txt")
        try Data("charte".utf8).write(to: charter)
        let unreachable = try await CommandRun.run(
            "huisclos", ["enrol", "--device", folder.url.appendingPathComponent("d").path, "--server", "http://127.0.0.1:9", "--code", "X",
                         "--root", String(repeating: "ab", count: 32), "--member", String(repeating: "cd", count: 16), "--charter", charter.path],
            environment: ["LANG": "en", "HUISCLOS_PASSPHRASE": "phrase de passe assez longue"])
        #expect(unreachable.status == ExitStatus.unreachable.rawValue)
        #expect(unreachable.errors.hasPrefix("Error (api.unreachable)"), "\(unreachable.errors)")
        // A passphrase too short is refused before the relay is asked anything (the enrolment code is not spent).
        let short = try await CommandRun.run(
            "huisclos", ["enrol", "--device", folder.url.appendingPathComponent("d").path, "--server", "http://127.0.0.1:9", "--code", "X",
                         "--root", String(repeating: "ab", count: 32), "--member", String(repeating: "cd", count: 16), "--charter", charter.path],
            environment: ["LANG": "en", "HUISCLOS_PASSPHRASE": "x"])
        #expect(short.status == ExitStatus.usage.rawValue && short.errors.hasPrefix("Error (replica.invalidPassphrase)"), "\(short.errors)")
    }
}
