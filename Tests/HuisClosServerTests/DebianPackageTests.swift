import Foundation
import HuisClosTestSupport
import NIOHTTP1
import Testing

/// The Debian package of the relay (issue 14, item 4), built by `scripts/build-deb.sh` and really
/// installed on this machine with apt (`dpkg -i` under apt's lock: CI's machine is its own, and
/// apt waits for another dpkg instead of failing), started as its systemd unit would start it,
/// asked `/healthz`, then purged.
///
/// Root only (it installs into the real system, as CI runs): a developer's session as another
/// user skips it, saying so. There is no systemd running in CI's container, so the installed unit
/// is checked by `systemd-analyze verify` and the binary started by hand under the unit's user,
/// command line and umask (`setpriv`), not by `systemctl`: the sandboxing directives themselves are
/// not exercised here.
@Suite(.serialized, .enabled(if: getuid() == 0, "installing a package needs root"))
struct DebianPackageTests {
    static let unit = "/lib/systemd/system/huisclos-server.service"

    @Test func thePackageInstallsStartsAsItsUnitAnswersHealthAndPurges() async throws {
        let folder = try TemporaryFolder("deb")
        defer { folder.remove() }
        Self.killLeftoverRelays()
        let build = try await CommandRun.run(executable: URL(fileURLWithPath: "/bin/bash"), [
            ProjectTools.repository.appendingPathComponent("scripts/build-deb.sh").path,
            "--binary", ServerProcess.executable.path, "--output", folder.url.path, "--compression", "none",
        ])
        #expect(build.status == 0, "\(build.errors)")
        let package = try #require(build.output.split(separator: "\n").last.map(String.init))
        #expect(package.hasSuffix(".deb"))

        let apt = ["-y", "-q", "-o", "DPkg::Lock::Timeout=300"]
        let environment = ["DEBIAN_FRONTEND": "noninteractive"]
        let install = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/apt-get"),
                                               ["install", "--reinstall"] + apt + [package], environment: environment)
        #expect(install.status == 0, "\(install.output) \(install.errors)")
        do {
            try await Self.checkInstalled(log: folder.url.appendingPathComponent("relay.log"))
        } catch {
            _ = try? await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/apt-get"), ["purge"] + apt + ["huisclos-server"],
                                          environment: environment)
            throw error
        }
        let purge = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/apt-get"), ["purge"] + apt + ["huisclos-server"],
                                             environment: environment)
        #expect(purge.status == 0, "\(purge.errors)")
        #expect(!FileManager.default.fileExists(atPath: "/usr/bin/huisclos-server"))
        #expect(!FileManager.default.fileExists(atPath: Self.unit))
        #expect(!FileManager.default.fileExists(atPath: "/var/lib/huisclos"), "purge removes the relay's data")
    }

    /// Kills any installed relay a test run killed before its end left running (reparented to
    /// init, it holds `/var/lib/huisclos` and purging would fail), and waits until it is gone.
    static func killLeftoverRelays() {
        func leftovers() -> [pid_t] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { pid_t($0) }.filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\($0)/exe")) == "/usr/bin/huisclos-server"
            }
        }
        for pid in leftovers() { kill(pid, SIGKILL) }
        // Not this process's children: nothing to wait on but their disappearance (SIGKILL is
        // immediate; the bound only keeps a stuck kernel from hanging the test).
        for _ in 0..<100 where !leftovers().isEmpty { usleep(50_000) }
    }

    /// What the package put in place, and the relay started as the unit says.
    static func checkInstalled(log: URL) async throws {
        for path in ["/usr/bin/huisclos-server", unit, "/etc/huisclos/server.json"] {
            #expect(FileManager.default.fileExists(atPath: path), "\(path) installed")
        }
        let state = try FileManager.default.attributesOfItem(atPath: "/var/lib/huisclos")
        #expect(state[.ownerAccountName] as? String == "huisclos" && state[.posixPermissions] as? Int == 0o700)
        let verify = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/systemd-analyze"), ["verify", unit])
        #expect(verify.status == 0 && verify.errors.isEmpty, "systemd-analyze verify: \(verify.errors)")

        // The unit's own command line and user (the port moved to a free one by the environment,
        // which wins over the configuration file, as the unit's EnvironmentFile would).
        let text = try String(contentsOfFile: unit, encoding: .utf8)
        func directive(_ name: String) throws -> String {
            try #require(text.split(separator: "\n").first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) })
        }
        let command = try directive("ExecStart").split(separator: " ").map(String.init)
        let user = try directive("User")
        let server: ServerProcess
        do {
            server = try await ServerProcess.start(
                command: URL(fileURLWithPath: "/usr/bin/setpriv"),
                arguments: ["--reuid", user, "--regid", user, "--clear-groups", "--no-new-privs", "/bin/sh", "-c", "umask 077 && exec \"$@\"", "sh"]
                    + command,
                environment: ["HUISCLOS_PORT": "0", "HUISCLOS_ADMIN_TOKEN": TestServer.adminToken], logFile: log)
        } catch {
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            Issue.record("the installed relay did not start: \(error); it said: \(said.suffix(2_000))")
            throw error
        }
        let health = try await RawRequest.send(server.url, .GET, "/healthz", version: nil)
        let ready = try await RawRequest.send(server.url, .GET, "/readyz", version: nil)
        await server.terminate()
        #expect(health.status == 200 && String(decoding: health.body, as: UTF8.self) == "ok\n")
        #expect(ready.status == 200)
        let database = try FileManager.default.attributesOfItem(atPath: "/var/lib/huisclos/huisclos-server.sqlite")
        #expect(database[.ownerAccountName] as? String == user && database[.posixPermissions] as? Int == 0o600,
                "the relay wrote its database as its user, private")
    }
}
