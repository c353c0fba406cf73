public import Foundation
public import HuisClosL10n

/// Opens the app's address in the browser, without putting the launch secret on a command line
/// (any local user can read another's `/proc/PID/cmdline`): the browser opens a redirect page
/// written, readable by this user alone, in `$XDG_RUNTIME_DIR` (a per-user tmpfs), removed when
/// the app stops. A browser `$BROWSER` names and this launcher knows opens a private window (its
/// history and session files keep nothing of the app); otherwise `xdg-open` opens the desktop's
/// default browser, which cannot be asked for one (README: use a dedicated browser profile).
public struct BrowserLauncher: Sendable {
    /// The redirect page, once written.
    public let page: URL

    /// Writes the redirect page to `url` and starts `xdg-open` on it; nil with the reason when it
    /// cannot (no `xdg-open`, no runtime folder): the person then opens the printed address.
    public static func open(_ url: String, environment: [String: String]) -> (launcher: BrowserLauncher?, problem: Text?) {
        guard let opener = command(environment: environment) else {
            return (nil, Text(fr: "xdg-open introuvable : ouvrez l'adresse ci-dessus dans votre navigateur",
                              en: "xdg-open not found: open the address above in your browser"))
        }
        guard let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty else {
            return (nil, Text(fr: "XDG_RUNTIME_DIR non défini (pas de session de bureau) : ouvrez l'adresse ci-dessus dans votre navigateur",
                              en: "XDG_RUNTIME_DIR unset (no desktop session): open the address above in your browser"))
        }
        let page = URL(fileURLWithPath: runtime).appendingPathComponent("huisclos-app-\(ProcessInfo.processInfo.processIdentifier).html")
        let escaped = SafeMarkdown.escape(url)
        let html = "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url=\(escaped)\">"
            + "<title>HuisClos</title></head><body><p><a href=\"\(escaped)\">HuisClos</a></p></body></html>"
        guard FileManager.default.createFile(atPath: page.path, contents: Data(html.utf8), attributes: [.posixPermissions: 0o600]) else {
            return (nil, Text(fr: "impossible d'écrire dans \(runtime) : ouvrez l'adresse ci-dessus dans votre navigateur",
                              en: "cannot write in \(runtime): open the address above in your browser"))
        }
        let process = Process()
        process.executableURL = opener.executable
        process.arguments = opener.arguments + [page.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: page)
            return (nil, Text(fr: "xdg-open n'a pas démarré : ouvrez l'adresse ci-dessus dans votre navigateur",
                              en: "xdg-open did not start: open the address above in your browser"))
        }
        return (BrowserLauncher(page: page), nil)
    }

    /// Removes the redirect page (the launch secret in it).
    public func remove() { try? FileManager.default.removeItem(at: page) }

    /// The flag that opens a private window, by browser executable name.
    static let privateWindowFlags = [
        "chromium": "--incognito", "chromium-browser": "--incognito", "google-chrome": "--incognito",
        "google-chrome-stable": "--incognito", "brave-browser": "--incognito", "microsoft-edge": "--incognito",
        "firefox": "--private-window", "firefox-esr": "--private-window", "librewolf": "--private-window",
    ]

    /// What opens the page (its path is added last): the browser `$BROWSER` names (its first entry,
    /// a name looked up in `PATH` or a path) in a private window when it is one of
    /// `privateWindowFlags`, else `xdg-open`; nil when neither is found.
    static func command(environment: [String: String]) -> (executable: URL, arguments: [String])? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        if let named = environment["BROWSER"]?.split(separator: ":").first.map(String.init),
           let flag = privateWindowFlags[URL(fileURLWithPath: named).lastPathComponent],
           let browser = named.contains("/") ? (FileManager.default.isExecutableFile(atPath: named) ? URL(fileURLWithPath: named) : nil)
                                             : executable(named, path: path) {
            return (browser, [flag])
        }
        return executable("xdg-open", path: path).map { ($0, []) }
    }

    private static func executable(_ name: String, path: String) -> URL? {
        path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
