public import Foundation

/// The desktop menu's entry that starts `huisclos app` (freedesktop Desktop Entry Specification
/// 1.4, the latest that Debian 12's desktop-file-validate knows) in a terminal, where the device's
/// passphrase is asked — never in the browser nor in the entry — and which shows the app's
/// address and closes with it.
public struct DesktopEntry: Sendable, Equatable {
    /// The file's name: a reverse-DNS name, as the specification recommends.
    public static let fileName = "fr.huisclos.App.desktop"

    /// The `huisclos` executable to run (an absolute path).
    public let executable: String
    /// The device folder it opens (an absolute path).
    public let deviceFolder: String

    public init(executable: String, deviceFolder: String) {
        self.executable = executable
        self.deviceFolder = deviceFolder
    }

    /// The entry that runs this very executable (as `/proc/self/exe` names it, links resolved) on
    /// the device folder `deviceFolder`.
    public static func forThisExecutable(deviceFolder: URL) -> DesktopEntry {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executableURL?.resolvingSymlinksInPath().path ?? CommandLine.arguments[0]
        return DesktopEntry(executable: executable, deviceFolder: deviceFolder.standardizedFileURL.path)
    }

    /// The entry's text: French names with their English translations, `Terminal=true`.
    public var text: String {
        let lines = [
            "[Desktop Entry]", "Type=Application", "Version=1.4", "Name=HuisClos",
            "GenericName=Dossiers confidentiels du conseil", "GenericName[en]=Council's confidential dossiers",
            "Comment=Lire les convocations et les dossiers du conseil, chiffrés sur cet appareil",
            "Comment[en]=Read the council's convocations and dossiers, encrypted on this device",
            "Exec=" + Self.escapedValue([executable, "app", "--device", deviceFolder].map(Self.quotedArgument).joined(separator: " ")),
            "Terminal=true", "Categories=Office;", "Keywords=conseil;séances;dossiers;convocation;council;", "StartupNotify=false",
        ]
        return lines.map { $0 + "\n" }.joined()
    }

    /// The folder desktop menus read entries from: `$XDG_DATA_HOME/applications`, by default
    /// `~/.local/share/applications`; nil without either variable.
    public static func folder(environment: [String: String]) -> URL? {
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return URL(fileURLWithPath: data).appendingPathComponent("applications")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/applications")
    }

    /// Writes the entry (0644, replacing an earlier one of its own) into `folder(environment:)`,
    /// creating the folder; returns the file written.
    public func install(environment: [String: String]) throws(AppError) -> URL {
        guard let folder = Self.folder(environment: environment) else { throw AppError(.desktopFolderUnknown) }
        let file = folder.appendingPathComponent(Self.fileName)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        } catch {
            throw AppError(.desktopEntryNotWritten)
        }
        return file
    }

    /// One argument of `Exec`, in double quotes with `"`, `` ` ``, `$` and `\` escaped (the
    /// specification's quoting rules); `%` doubled, as field codes are not meant.
    static func quotedArgument(_ argument: String) -> String {
        var quoted = "\""
        for character in argument {
            switch character {
            case "\"", "`", "$", "\\": quoted += "\\" + String(character)
            case "%": quoted += "%%"
            default: quoted.append(character)
            }
        }
        return quoted + "\""
    }

    /// A string value as the file stores it, by the general escape rule applied after the quoting
    /// of `Exec`: `\` written `\\`, and line breaks, tabs and carriage returns as `\n`, `\t`, `\r`.
    static func escapedValue(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\t", with: "\\t").replacingOccurrences(of: "\r", with: "\\r")
    }
}
