import Foundation
import HuisClosL10n
#if canImport(Glibc)
import Glibc
#endif

/// Prints a standalone HTML page to PDF with headless Chromium (`--print-to-pdf`): Debian's
/// `chromium`, found on `PATH` (scripts/setup.sh installs it; the public site's accessibility
/// checks run the same `/usr/bin/chromium`). No network: every host name resolves to nothing and
/// Chromium's background services are off; the page, the profile and the PDF live in a temporary
/// folder of this user's (0700), removed afterwards whatever happens.
///
/// Foundation's `Process` starts it: `huisclos` holds a handful of descriptors, far from the
/// ~1,024 at which `Process.run()` overruns on Linux (Tests/HuisClosTestSupport/ChildProcess.swift).
public enum ChromiumPDF {
    /// Chromium's name on `PATH` as Debian installs it.
    public static let program = "chromium"
    /// Seconds Chromium gets to print one document (about 1.5 s for a PV of a few pages).
    static let timeLimit = 120

    /// The PDF of `html`; `environment` gives `PATH` (where Chromium is looked for).
    public static func print(_ html: String, environment: [String: String]) throws(ChromiumPDFError) -> Data {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        guard let chromium = path.split(separator: ":").map({ URL(fileURLWithPath: String($0)).appendingPathComponent(program) })
            .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else { throw ChromiumPDFError(.missing) }
        var template = Array((NSTemporaryDirectory() + "/huisclos-pdf-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw ChromiumPDFError(.failed) }
        let folder = URL(fileURLWithPath: String(cString: made))
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("page.html"), pdf = folder.appendingPathComponent("page.pdf")
        let process = Process()
        process.executableURL = chromium
        process.arguments = arguments(page: page, pdf: pdf, profile: folder.appendingPathComponent("profile"))
        // Chromium's caches and settings outside the profile (fontconfig, crash reports) go to the temporary folder too.
        process.environment = ["PATH": path, "HOME": folder.path, "LANG": "C.UTF-8"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try Data(html.utf8).write(to: page)
            try process.run()
        } catch {
            throw ChromiumPDFError(.failed)
        }
        // A Chromium that hangs (a broken profile, a display it waits for) is stopped after `timeLimit`.
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeLimit), execute: watchdog)
        process.waitUntilExit()
        watchdog.cancel()
        guard process.terminationStatus == 0, let bytes = try? Data(contentsOf: pdf), bytes.starts(with: Array("%PDF-".utf8)) else {
            throw ChromiumPDFError(.failed)
        }
        return bytes
    }

    /// Headless, printing `page` to `pdf` without header or footer, with its own `profile`, no
    /// first-run or background traffic, and no name resolution (nothing leaves the machine).
    /// Chromium refuses to run as root inside its sandbox: only then is the sandbox turned off.
    static func arguments(page: URL, pdf: URL, profile: URL) -> [String] {
        ["--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--user-data-dir=\(profile.path)",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-pdf-header-footer",
         "--print-to-pdf=\(pdf.path)"] + (geteuid() == 0 ? ["--no-sandbox"] : []) + [page.absoluteString]
    }
}

/// Chromium could not print the PDF.
public struct ChromiumPDFError: HuisClosError, Equatable, CustomStringConvertible {
    /// Why.
    public enum Code: String, ErrorCode {
        /// No `chromium` on `PATH`.
        case missing
        /// Chromium did not start, failed, ran past the time limit or wrote no PDF.
        case failed

        public static let domain = "pdf"

        public var text: Text {
            switch self {
            case .missing:
                Text(fr: "Chromium est introuvable (chromium sur le PATH) : installez le paquet Debian chromium (scripts/setup.sh), ou exportez en html ; rien n'a été écrit",
                     en: "Chromium was not found (chromium on PATH): install Debian's chromium package (scripts/setup.sh), or export as html; nothing was written")
            case .failed:
                Text(fr: "Chromium n'a pas produit le PDF en \(ChromiumPDF.timeLimit) s : vérifiez qu'il démarre (chromium --headless=new --version), ou exportez en html ; rien n'a été écrit",
                     en: "Chromium did not produce the PDF within \(ChromiumPDF.timeLimit) s: check that it starts (chromium --headless=new --version), or export as html; nothing was written")
            }
        }

        public var exitStatus: ExitStatus { .localIO }
    }

    public let code: Code

    public init(_ code: Code) { self.code = code }

    public var description: String { text.english }
}
