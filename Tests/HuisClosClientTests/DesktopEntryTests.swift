import Foundation
import HuisClosTestSupport
import Testing

@testable import HuisClosApp

/// Issue 13: a member starts the app from the desktop menu. The entry runs `huisclos app` on the
/// device in a terminal (where the passphrase is asked), its `Exec` quoted by the specification's
/// rules whatever the folder's name, and `desktop-file-validate` (desktop-file-utils, installed by
/// scripts/setup.sh) accepts it.
@Suite struct DesktopEntryTests {
    @Test func theEntryRunsTheAppInATerminalWithItsArgumentsQuotedAndValidates() async throws {
        let folder = try TemporaryFolder("desktop-entry")
        defer { folder.remove() }
        let entry = DesktopEntry(executable: "/usr/bin/huisclos", deviceFolder: "/home/élu/Conseil 93/$HOME \"appareil\" 100%\\x")
        let exec = try #require(entry.text.split(separator: "\n").first { $0.hasPrefix("Exec=") })
        #expect(exec == #"Exec="/usr/bin/huisclos" "app" "--device" "/home/élu/Conseil 93/\\$HOME \\"appareil\\" 100%%\\\\x""#, "\(exec)")
        #expect(entry.text.contains("\nTerminal=true\n") && entry.text.hasPrefix("[Desktop Entry]\nType=Application\n"))
        #expect(entry.text.contains("Comment[en]=Read the council's convocations and dossiers, encrypted on this device"))

        #expect(DesktopEntry.folder(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"])?.path == "/data/applications")
        #expect(DesktopEntry.folder(environment: ["XDG_DATA_HOME": "relatif", "HOME": "/home/a"])?.path == "/home/a/.local/share/applications")
        #expect(DesktopEntry.folder(environment: [:]) == nil)
        let unknown = #expect(throws: AppError.self) { try entry.install(environment: ["HOME": "relatif"]) }
        #expect(unknown?.code == .desktopFolderUnknown)

        let file = try entry.install(environment: ["XDG_DATA_HOME": folder.url.path])
        #expect(file.path == folder.url.path + "/applications/fr.huisclos.App.desktop")
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o644)
        #expect(try String(contentsOf: file, encoding: .utf8) == entry.text)
        let validator = "/usr/bin/desktop-file-validate"
        try #require(FileManager.default.isExecutableFile(atPath: validator), "desktop-file-utils is missing: run bash scripts/setup.sh")
        let validated = try await CommandRun.run(executable: URL(fileURLWithPath: validator), [file.path])
        #expect(validated.status == 0 && validated.output.isEmpty && validated.errors.isEmpty, "\(validated.output)\(validated.errors)")
    }
}
