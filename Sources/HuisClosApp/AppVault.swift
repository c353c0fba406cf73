import HuisClosClient
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n

/// What the local app holds between requests: the one unlocked session (released after the idle
/// time: the device is closed, its key memory with it), the launch secret (good for one exchange),
/// the one browser session it opened (cookie and CSRF token). Once locked it stays locked: the
/// passphrase is typed in the terminal only, when `huisclos app` starts, never in a page. Time
/// comes from the injected clock only.
actor AppVault {
    let clock: any WallClock
    /// Milliseconds without a request after which the session is locked.
    let idleMs: UInt64

    /// The per-launch secret of the printed address (hex), exchanged once for a session cookie.
    nonisolated let launchSecret: String
    private var launchSecretSpent = false
    private var session: ClientSession?
    /// A session locked while requests still used it: closed when the last of them finishes.
    private var retiring: ClientSession?
    private var lastUseMs: UInt64
    /// Requests being served: the session is not locked under them.
    private var busy = 0
    /// The browser session of this launch (its cookie and CSRF token): one, as the secret opens one.
    private var browser: (cookie: String, csrf: String)?
    /// What the last sync from the app said, shown on the home page.
    private(set) var syncReport: [ReportLine] = []
    /// Set when the secretariat's wipe order destroyed the device: the app stops once the request
    /// that learnt it is answered.
    private var wiped = false
    /// Told once, when the app must stop after a wipe (`WipeStop` waits on it).
    nonisolated let stopOrders: AsyncStream<Void>
    private let stopOrder: AsyncStream<Void>.Continuation

    init(session: ClientSession, idleMinutes: Int, clock: any WallClock) throws {
        self.session = session
        self.clock = clock
        idleMs = UInt64(max(1, idleMinutes)) * 60_000
        lastUseMs = clock.nowMs()
        launchSecret = try Self.token()
        (stopOrders, stopOrder) = AsyncStream.makeStream(of: Void.self)
    }

    /// 32 random bytes from libsodium, in hex.
    private static func token() throws -> String { try Sodium.randomBytes(32).hex }

    /// The browser session's cookie value for this launch's `secret` (compared in constant time),
    /// the first time only; nil for any other value and for the secret used again (a copy of the
    /// address seen later, in a history or over a shoulder, opens nothing).
    func openBrowserSession(secret: String) throws -> String? {
        guard !launchSecretSpent, Sodium.constantTimeEqual(Array(secret.utf8), Array(launchSecret.utf8)) else { return nil }
        launchSecretSpent = true
        let opened = (cookie: try Self.token(), csrf: try Self.token())
        browser = opened
        return opened.cookie
    }

    /// The CSRF token of the browser session `cookie`, nil when it is not this launch's.
    func csrf(ofBrowser cookie: String) -> String? {
        guard let browser, Sodium.constantTimeEqual(Array(browser.cookie.utf8), Array(cookie.utf8)) else { return nil }
        return browser.csrf
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
        if busy == 0, wiped {
            stopOrder.yield()
            stopOrder.finish()
        }
    }

    /// The device was wiped (its replica destroyed by the secretariat's order): the session, the
    /// browser's and what the last sync said are dropped, and the app stops once the requests under
    /// way are answered, so that no decrypted text stays in a live process.
    func forgetWipedDevice() {
        session = nil
        retiring = nil
        browser = nil
        syncReport = []
        wiped = true
    }

    /// Locks the session when no request is under way and the idle time has passed since the last.
    func lockIfIdle() async throws {
        guard session != nil, busy == 0, clock.nowMs() >= lastUseMs + idleMs else { return }
        try await lock()
    }

    /// Locks the app now: no new request gets the session, and the device is closed (its key
    /// memory released) as soon as no request is using it; every page then says to start
    /// `huisclos app` again in the terminal.
    func lock() async throws {
        guard let open = session else { return }
        session = nil
        syncReport = []
        if busy == 0 { try await open.lock() } else { retiring = open }
    }

    /// True while a session is open.
    var isUnlocked: Bool { session != nil }

    /// Keeps what a sync said for the home page.
    func keep(syncReport lines: [ReportLine]) { syncReport = lines }
}
