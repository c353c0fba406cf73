import Foundation
import HuisClosL10n

/// Opens the app's address in the system browser with `xdg-open`, without putting the launch
/// secret on a command line (any local user can read another's `/proc/PID/cmdline`): the browser
/// opens a redirect page written, readable by this user alone, in `$XDG_RUNTIME_DIR` (a per-user
/// tmpfs), removed when the app stops.
public struct BrowserLauncher: Sendable {
    /// The redirect page, once written.
    public let page: URL

    /// Writes the redirect page to `url` and starts `xdg-open` on it; nil with the reason when it
    /// cannot (no `xdg-open`, no runtime folder): the person then opens the printed address.
    public static func open(_ url: String, environment: [String: String]) -> (launcher: BrowserLauncher?, problem: Text?) {
        guard let opener = executable("xdg-open", path: environment["PATH"] ?? "/usr/bin:/bin") else {
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
        process.executableURL = opener
        process.arguments = [page.path]
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

    private static func executable(_ name: String, path: String) -> URL? {
        path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
