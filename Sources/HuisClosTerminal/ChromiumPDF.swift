public import Foundation
public import HuisClosL10n
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Prints a standalone HTML page to PDF with headless Chromium (`--print-to-pdf`): Debian's
/// `chromium`, found on `PATH` (scripts/setup.sh installs it; the public site's accessibility
/// checks run the same `/usr/bin/chromium`). No network and no script: JavaScript is blocked by
/// the profile, every
/// host name resolves to nothing, every request (loopback and bare IP addresses included) goes to
/// a proxy where nothing listens, and Chromium's background services are off — the page itself
/// also carries a Content-Security-Policy allowing only its own styles and inline images. The
/// page, the profile and the PDF live in a temporary folder of this user's (0700), removed
/// afterwards whatever happens.
///
/// Chromium is spawned in a process group of its own, so that a Chromium past `timeLimit` is
/// killed with every helper process it started (renderer, GPU, zygote), not only its first process.
public enum ChromiumPDF {
    /// Chromium's name on `PATH` as Debian installs it.
    public static let program = "chromium"
    /// Seconds Chromium gets to print one document (about 1.5 s for a PV of a few pages).
    static let timeLimit = 120
    /// Where Chromium sends every request: the discard port of the loopback, where nothing listens.
    static let deadProxy = "127.0.0.1:9"

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
        let profile = folder.appendingPathComponent("profile")
        let defaultProfile = profile.appendingPathComponent("Default")
        do {
            try Data(html.utf8).write(to: page)
            try FileManager.default.createDirectory(at: defaultProfile, withIntermediateDirectories: true)
            try Data(preferences.utf8).write(to: defaultProfile.appendingPathComponent("Preferences"))
        } catch {
            throw ChromiumPDFError(.failed)
        }
        // Chromium's caches and settings outside the profile (fontconfig, crash reports) go to the temporary folder too.
        let status = try run(chromium.path, arguments(page: page, pdf: pdf, profile: profile),
                             environment: ["PATH=\(path)", "HOME=\(folder.path)", "LANG=C.UTF-8"])
        guard status == 0, let bytes = try? Data(contentsOf: pdf), bytes.starts(with: Array("%PDF-".utf8)) else {
            throw ChromiumPDFError(.failed)
        }
        return bytes
    }

    /// The profile's preferences: JavaScript blocked on every page. (`--blink-settings=scriptEnabled=false`
    /// blocks it too, but then Chromium 156 exits 0 without writing the PDF.)
    static let preferences = #"{"profile":{"default_content_setting_values":{"javascript":2}}}"#

    /// Headless, printing `page` to `pdf` without header or footer, with its own `profile` (which
    /// blocks JavaScript, `preferences`), no first-run or background traffic, no name resolution and every request sent
    /// to `deadProxy` (`<-loopback>` takes back Chromium's implicit bypass of the loopback):
    /// nothing leaves the process. Chromium refuses to run as root inside its sandbox: only then
    /// is the sandbox turned off.
    static func arguments(page: URL, pdf: URL, profile: URL) -> [String] {
        ["--headless=new", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--user-data-dir=\(profile.path)",
         "--host-resolver-rules=MAP * ~NOTFOUND",
         "--proxy-server=\(deadProxy)", "--proxy-bypass-list=<-loopback>", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-pdf-header-footer",
         "--print-to-pdf=\(pdf.path)"] + (geteuid() == 0 ? ["--no-sandbox"] : []) + [page.absoluteString]
    }

    /// Runs `program` in a new process group, standard streams on /dev/null, and waits for it; past
    /// `timeLimit` the whole group is killed. Its exit status (-1 when killed by a signal).
    private static func run(_ program: String, _ arguments: [String], environment: [String]) throws(ChromiumPDFError) -> Int32 {
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        for (descriptor, flags) in [(Int32(0), O_RDONLY), (1, O_WRONLY), (2, O_WRONLY)] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", flags, 0)
        }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, program, &actions, &attributes, argv, envp) == 0 else { throw ChromiumPDFError(.failed) }
        // A Chromium that hangs (a broken profile, a display it waits for) is killed after `timeLimit`,
        // with its group. `reaped` keeps the watchdog from signalling a group id the system may reuse.
        let reaped = Reaped()
        let watchdog = DispatchWorkItem { reaped.value.withLock { if !$0 { kill(-pid, SIGKILL) } } }
        DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(timeLimit), execute: watchdog)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        reaped.value.withLock { $0 = true }
        watchdog.cancel()
        // Helpers Chromium left behind go with it.
        kill(-pid, SIGKILL)
        let signalled = status & 0x7f != 0
        return signalled ? -1 : (status >> 8) & 0xff
    }

    /// Whether the child was reaped, shared by the waiting thread and the watchdog.
    private final class Reaped: Sendable {
        let value = Mutex(false)
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
