import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n

/// What the local app holds between requests: the one unlocked session (released after the idle
/// time: the device is closed, its key memory with it), the launch secret, and the browser
/// sessions it gave out (cookie → CSRF token). Time comes from the injected clock only.
actor AppVault {
    /// The device's folder, to unlock it again after an idle lock.
    let folder: URL
    let clock: any WallClock
    /// Milliseconds without a request after which the session is locked.
    let idleMs: UInt64
    /// The per-launch secret of the printed address (hex), exchanged for a session cookie.
    nonisolated let launchSecret: String
    private var session: ClientSession?
    /// A session locked while requests still used it: closed when the last of them finishes.
    private var retiring: ClientSession?
    private var lastUseMs: UInt64
    /// Requests being served: the session is not locked under them.
    private var busy = 0
    /// Browser session cookies given out this launch, each with its CSRF token.
    private var browsers: [String: String] = [:]
    /// What the last sync from the app said, shown on the home page.
    private(set) var syncReport: [ReportLine] = []

    init(session: ClientSession, folder: URL, idleMinutes: Int, clock: any WallClock) throws {
        self.session = session
        self.folder = folder
        self.clock = clock
        idleMs = UInt64(max(1, idleMinutes)) * 60_000
        lastUseMs = clock.nowMs()
        launchSecret = try Self.token()
    }

    /// 32 random bytes from libsodium, in hex.
    private static func token() throws -> String { try Sodium.randomBytes(32).hex }

    /// True when `secret` is this launch's secret (compared in constant time).
    nonisolated func isLaunchSecret(_ secret: String) -> Bool {
        Sodium.constantTimeEqual(Array(secret.utf8), Array(launchSecret.utf8))
    }

    /// A new browser session: its cookie value and its CSRF token.
    func openBrowserSession() throws -> (cookie: String, csrf: String) {
        let cookie = try Self.token()
        let csrf = try Self.token()
        browsers[cookie] = csrf
        return (cookie, csrf)
    }

    /// The CSRF token of the browser session `cookie`, nil when this launch did not give it out.
    func csrf(ofBrowser cookie: String) -> String? {
        browsers.first { Sodium.constantTimeEqual(Array($0.key.utf8), Array(cookie.utf8)) }?.value
    }

    /// The unlocked session for a request starting now, or nil when locked (locking it first when
    /// it has been idle too long). A non-nil answer must be followed by `finish()`.
    func begin() async throws -> ClientSession? {
        try await lockIfIdle()
        guard let session else { return nil }
        busy += 1
        lastUseMs = clock.nowMs()
        return session
    }

    /// A request that `begin` answered with a session is done; the last one out closes a session
    /// locked while requests were using it.
    func finish() async {
        busy = max(0, busy - 1)
        lastUseMs = clock.nowMs()
        if busy == 0, let closing = retiring {
            retiring = nil
            try? await closing.lock()
        }
    }

    /// Locks the session when no request is under way and the idle time has passed since the last.
    func lockIfIdle() async throws {
        guard session != nil, busy == 0, clock.nowMs() >= lastUseMs + idleMs else { return }
        try await lock()
    }

    /// Locks the app now: no new request gets the session, and the device is closed (its key
    /// memory released) as soon as no request is using it; the next page asks the passphrase again.
    func lock() async throws {
        guard let open = session else { return }
        session = nil
        syncReport = []
        if busy == 0 { try await open.lock() } else { retiring = open }
    }

    /// True while a session is open.
    var isUnlocked: Bool { session != nil }

    /// Unlocks the device again with `passphrase` (a wrong one throws the device's error).
    func unlock(passphrase: String) throws {
        guard session == nil else { return }
        session = try ClientSession.open(folder: folder, passphrase: passphrase, clock: clock)
        lastUseMs = clock.nowMs()
    }

    /// Keeps what a sync said for the home page.
    func keep(syncReport lines: [ReportLine]) { syncReport = lines }
}
