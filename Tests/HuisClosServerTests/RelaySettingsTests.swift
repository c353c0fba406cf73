import Foundation
import HuisClosServer
import HuisClosTestSupport
import Logging
import Testing

/// The relay's settings: a flag wins over the environment, which wins over the configuration
/// file; `--print-config` shows each value's source and never a secret.
@Suite(.tags(.slow)) struct RelaySettingsTests {
    @Test func aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() async throws {
        let folder = try TemporaryFolder("settings")
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("huisclos.json")
        try Data(#"{"data": "/from/file", "host": "10.0.0.1", "port": 9000, "log-level": "debug"}"#.utf8).write(to: file)
        let settings = try await RelaySettings.resolve(
            flags: [.port: "8000"], environment: ["HUISCLOS_HOST": "10.0.0.2", "HUISCLOS_PORT": "7000"], file: file.path)
        #expect(settings.values[.port]! == ("8000", .flag))
        #expect(settings.values[.host]! == ("10.0.0.2", .environment))
        #expect(settings.values[.data]! == ("/from/file", .file))
        let configuration = try settings.serverConfiguration()
        #expect(configuration.port == 8000 && configuration.host == "10.0.0.2" && configuration.logLevel == .debug)
    }

    @Test func printedSettingsMaskTheAdminTokenAndTheDatabasePassword() async throws {
        let settings = try await RelaySettings.resolve(
            flags: [.database: "postgres://relay:s3cret-pw@db:5432/huisclos"],
            environment: ["HUISCLOS_ADMIN_TOKEN": "admin-secret-token", "HUISCLOS_DATA": "/var/lib/huisclos"], file: nil)
        let printed = settings.printed
        #expect(!printed.contains("s3cret-pw") && !printed.contains("admin-secret-token"))
        #expect(printed.contains("database = postgres://relay:***@db:5432/huisclos (flag)"))
        #expect(printed.contains("admin-token = *** (environment)"))
        #expect(printed.contains("data = /var/lib/huisclos (environment)"))
        #expect(printed.contains("port = (default)"))
    }

    @Test func aBadSettingOrFileIsRefusedSayingTheForm() async throws {
        await #expect(throws: SettingsError.self) {
            _ = try await RelaySettings.resolve(flags: [:], environment: [:], file: "/nonexistent/huisclos.json")
        }
        let settings = try await RelaySettings.resolve(flags: [.data: "/d", .tlsCert: "cert.pem"], environment: [:], file: nil)
        #expect(throws: SettingsError.self) { try settings.serverConfiguration() }
        let missingData = try await RelaySettings.resolve(flags: [:], environment: [:], file: nil)
        #expect { try missingData.serverConfiguration() } throws: { "\($0)".contains("give the data folder") }
    }

    @Test func theCouncilQuotaIsReadWithItsUnitAndABadOneRefused() async throws {
        #expect(try await RelaySettings.resolve(flags: [.data: "/d"], environment: [:], file: nil).serverConfiguration()
            .quotas.councilStorageBytesMax == ServerLimits.councilStorageBytesMax)
        for (text, bytes) in [("64G", Int64(64) << 30), ("512MiB", Int64(512) << 20), ("2t", Int64(2) << 40), ("1000000", Int64(1_000_000))] {
            let settings = try await RelaySettings.resolve(flags: [.data: "/d"], environment: ["HUISCLOS_COUNCIL_QUOTA": text], file: nil)
            #expect(try settings.serverConfiguration().quotas.councilStorageBytesMax == bytes, "\(text)")
        }
        for text in ["", "G", "-5G", "1.5G", "64X", "99999999999T"] {
            let settings = try await RelaySettings.resolve(flags: [.data: "/d", .councilQuota: text], environment: [:], file: nil)
            #expect { try settings.serverConfiguration() } throws: { "\($0)".contains("council-quota") }
        }
    }

    @Test func printConfigShowsTheEffectiveSettingsWithoutStarting() async throws {
        let run = try await CommandRun.run("huisclos-server", ["--print-config", "--port", "9443"],
                                           environment: ["HUISCLOS_DATABASE": "postgres://relay:hunter2@127.0.0.1/huisclos"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("port = 9443 (flag)") && run.output.contains("postgres://relay:***@127.0.0.1/huisclos (environment)"))
        #expect(!run.output.contains("hunter2"))
    }
}
