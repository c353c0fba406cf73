import Foundation
import HuisClosTestSupport
import Testing

/// Issue 12: the relay's operator reads `huisclos-server`'s messages in French by default and in
/// English on request (LANG=en), as members read `huisclos`: no English sentence reaches a French
/// operator, errors included (each a code of the error model: « Erreur (code) : … »).
@Suite(.tags(.slow)) struct OperatorLanguageTests {
    static let french = ["LANG": "fr_FR.UTF-8", "LC_ALL": "", "HUISCLOS_DATA": ""]
    static let english = ["LANG": "en_US.UTF-8", "LC_ALL": "", "HUISCLOS_DATA": ""]

    /// Runs `huisclos-server arguments` in French, then in English.
    static func both(_ arguments: [String]) async throws -> (french: CommandRun, english: CommandRun) {
        (try await CommandRun.run("huisclos-server", arguments, environment: french),
         try await CommandRun.run("huisclos-server", arguments, environment: english))
    }

    @Test func theCheckSpeaksFrenchByDefaultAndEnglishOnRequest() async throws {
        let folder = try TemporaryFolder("operator-check")
        defer { folder.remove() }
        let missing = folder.url.appendingPathComponent("nope").path
        let (french, english) = try await Self.both(["check", "--data", missing])
        #expect(french.status == 74 && french.errors.contains("Erreur (operator.noRelayDatabase)") && french.errors.contains("aucune base"),
                "\(french.status) \(french.errors)")
        #expect(!french.errors.contains("no relay database"), "English reached a French operator: \(french.errors)")
        #expect(english.status == 74 && english.errors.contains("Error (operator.noRelayDatabase)") && english.errors.contains("no relay database"),
                "\(english.status) \(english.errors)")

        let server = try await TestServer.start(folder: folder.url)
        await server.stop()
        let (sound, soundEnglish) = try await Self.both(["check", "--data", folder.url.path])
        #expect(sound.status == 0 && sound.output.contains("aucun dommage") && !sound.output.contains("no damage"), "\(sound.output)")
        #expect(soundEnglish.status == 0 && soundEnglish.output.contains("no damage found"), "\(soundEnglish.output)")
    }

    @Test func aMissingDataFolderOrCouncilIsAFrenchUsageError() async throws {
        let (french, english) = try await Self.both(["backup", "--to", "/nonexistent/backup.db"])
        #expect(french.status == 64 && french.errors.contains("Erreur (operator.noDataFolder)") && french.errors.contains("--data"),
                "\(french.status) \(french.errors)")
        #expect(!french.errors.contains("give the data folder"), "\(french.errors)")
        #expect(english.status == 64 && english.errors.contains("give the data folder"), "\(english.status) \(english.errors)")

        let folder = try TemporaryFolder("operator-council")
        defer { folder.remove() }
        let unknown = try await CommandRun.run("huisclos-server", ["check", "--data", folder.url.path, "--council", "cese-93"], environment: Self.french)
        #expect(unknown.status == 64 && unknown.errors.contains("Erreur (operator.unknownCouncil)") && !unknown.errors.contains("no council"),
                "\(unknown.status) \(unknown.errors)")
    }

    @Test func councilsAreCreatedAndListedInFrench() async throws {
        let folder = try TemporaryFolder("operator-councils")
        defer { folder.remove() }
        let (none, noneEnglish) = try await Self.both(["councils", "list", "--data", folder.url.path])
        #expect(none.status == 0 && none.output.contains("aucun conseil") && !none.output.contains("no council"), "\(none.output)")
        #expect(noneEnglish.output.contains("no council besides the default one"), "\(noneEnglish.output)")

        let created = try await CommandRun.run("huisclos-server", ["councils", "create", "cese-93", "--data", folder.url.path], environment: Self.french)
        #expect(created.status == 0 && created.output.contains("conseil cese-93 créé") && !created.output.contains("Restart the relay"),
                "\(created.status) \(created.output) \(created.errors)")
        let listed = try await CommandRun.run("huisclos-server", ["councils", "list", "--data", folder.url.path], environment: Self.french)
        #expect(listed.output.contains("cese-93") && listed.output.contains("conseil") && !listed.output.contains("public site"), "\(listed.output)")
    }

    @Test func aBadSettingIsReportedInFrench() async throws {
        let run = try await CommandRun.run("huisclos-server", ["serve", "--port", "huit"], environment: Self.french)
        #expect(run.status == 64 && run.errors.contains("Erreur (settings.invalid)"), "\(run.status) \(run.errors)")
    }
}
