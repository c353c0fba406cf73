/// Every limit the relay enforces beyond the wire formats' own (`WireLimits`), each with its unit
/// and reason. PROTOCOL.md's limits table lists them all, with the order in which checks apply.
///
/// The per-device quotas and rate limits below are the defaults of `RelayQuotas`, which a
/// deployment (or a test) may tighten; the connection limits protect the process itself.
public enum ServerLimits {
    // MARK: Per-device quotas (stored state a device can create)

    /// Files one device may declare, in total: a council's dossiers over a mandate are a few
    /// hundred files per member; 10,000 leaves room and bounds the rows one stolen device can add.
    public static let filesPerDeviceMax = 10_000
    /// Chunk bytes one device may store, in total: 8 GiB holds years of council documents
    /// (a few MB each) and bounds the disk one stolen device can fill.
    public static let chunkBytesPerDeviceMax: Int64 = 8 * 1_073_741_824

    // MARK: Per-council quota (the disk the councils of one relay share)

    /// Bytes one council's data may take in the relay's database (SQLite: the pages in use;
    /// PostgreSQL: its schema's tables with their indexes and TOAST): 64 GiB holds a large
    /// council's mandate of documents (a few GB) many times over, yet keeps one council's devices
    /// (8 GiB of chunks each) from filling the disk the other councils share. `--council-quota`.
    public static let councilStorageBytesMax: Int64 = 64 * 1_073_741_824
    /// The share of that quota, in percent, consultations' contributions may fill (their sealed
    /// bytes): anyone may send them (the public form needs no account), so a flood of them, each
    /// address under its hourly limit, must leave the members' pushes three quarters of the room.
    /// `RelayQuotas.contributionsSharePercent`.
    public static let contributionsSharePercent = 25

    // MARK: Rate limits (in memory, per window of the injected clock)

    /// The rate limits' window, in seconds: a minute is long enough to stop guessing and short
    /// enough that a person who mistyped is not locked out for long.
    public static let rateWindowSeconds = 60
    /// Login challenges one device may ask per window from one source address (`SourceAddress`:
    /// anyone may ask for any device, so the count is never the device's alone): every `huisclos`
    /// command logs in afresh, sometimes twice, so a secretariat's script appointing a whole
    /// council in a row needs well over a hundred a minute (60 refused it); 600 (ten a second)
    /// still stops a loop filling the challenge table.
    public static let challengesPerDevicePerWindowMax = 600
    /// Failed login proofs of one device per window from one source address, counting only proofs
    /// of a nonce issued to that device: a correct client never fails one, so 5 only tolerates a
    /// clock or version mix-up; each failure also consumes its nonce.
    public static let failedProofsPerDevicePerWindowMax = 5
    /// Failed enrolment attempts per window from one source address (no account exists yet to
    /// count them against): a code has 80 bits, so guessing is hopeless; 30 per minute keeps a
    /// guessing loop from costing the database anything and a mistyping person is not blocked.
    public static let failedEnrolmentsPerAddressPerWindowMax = 30
    /// Failed enrolment attempts per window for one council, all addresses together: far above
    /// what its members mistype, so clients guessing from many addresses cannot block its
    /// enrolments, while a botnet's guesses stay bounded (80-bit codes: still hopeless).
    public static let failedEnrolmentsPerCouncilPerWindowMax = 1_000
    /// Contributions one source address may send through the public form per
    /// `contributionWindowSeconds` (second-circle devices: per device): enough for a family or an
    /// office behind one address, little for a flood (`ContributionGate`).
    public static let contributionsPerAddressPerWindowMax = 10
    /// The contribution limit's window: an hour, longer than the other limits, since nobody
    /// contributes to a consultation several times a minute.
    public static let contributionWindowSeconds = 3_600
    /// Form challenges remembered as used at most (each until it expires, 2 h): a flood past it
    /// is refused until some expire, so memory stays bounded.
    public static let usedChallengesMax = 100_000
    /// Keys the rate limiter remembers at most: past it, expired windows are dropped first, then
    /// everything (bounded memory; keys are device keys and source addresses, so reaching it is rare).
    public static let rateLimiterKeysMax = 10_000

    // MARK: Damage checks

    /// Seconds between two integrity checks of the relay's storage (`IntegrityWatch`), besides the
    /// one at start: `PRAGMA integrity_check` reads the whole database (seconds for a council's
    /// few GB), so hourly finds damage long before the nightly backup copies it.
    public static let integrityCheckSeconds = 3_600
    /// Problems of one integrity check kept and shown at most: the first ones locate the damage;
    /// a wrecked file could list millions.
    public static let integrityProblemsShownMax = 100

    // MARK: Watch sockets

    /// Seconds between two checks of an open watch socket's token and access when no poke comes:
    /// an expired token or a revoked device is cut within this time (a poke checks at once).
    public static let watchRecheckSeconds = 30

    // MARK: Connections and request heads

    /// Bytes of a request head (request line and header fields together): 16 KiB is ten times
    /// what a HuisClos client sends; a larger head is answered 431 and the connection closed.
    public static let requestHeadBytesMax = 16 * 1024
    /// Header fields in one request head: a client sends fewer than 10.
    public static let requestHeaderFieldsMax = 64
    /// Seconds a new connection has to send a complete request head: a real client sends it at
    /// once; a silent or slowloris connection is closed after 10 s.
    public static let requestHeadSeconds = 10
    /// Seconds a connection may stay idle between requests before it is closed: an idle socket
    /// costs memory and a descriptor. 120 s, longer than the client's pool keeps an idle
    /// connection (60 s), so the client always closes first and never sends on a socket the
    /// server is closing. (Watch sockets ping instead.)
    public static let idleSeconds = 120
    /// Seconds every request body has at least, from its head to its last byte: a body trickled in
    /// a byte at a time would otherwise hold its connection for ever (a byte resets every idle
    /// timer). 30 s covers a round trip and a few retransmissions on a poor mobile link.
    public static let requestBodySecondsMin = 30
    /// Bytes per second of its announced size (`Content-Length`; the largest body the server takes,
    /// `WireLimits.pushRequestBytesMax`, when it is sent chunked) that a body's deadline grows by:
    /// 16 KiB/s is a 128 kbit/s upload, slower than any link a member syncs over, so a maximal push
    /// (8 MiB) has 8.5 min and a chunk (1 MiB) 94 s; past it the connection is closed.
    public static let requestBodyBytesPerSecondMin = 16 * 1024
    /// Open connections in all: well under the process's descriptor limit (the server's SQLite
    /// files and the listening socket need some), about 4 per member of a large council's devices.
    public static let connectionsMax = 4_096
    /// Open connections from one address: a device keeps one or two (requests and its watch
    /// socket); a NAT of a town hall may hold a whole council, so 256.
    public static let connectionsPerAddressMax = 256
    /// Open connections at a peak from which the relay hands freed memory back to the system once
    /// three quarters of them have closed (`MemoryRelease`): below it, what the allocator keeps
    /// is a few MiB, not worth the trim's pause.
    public static let memoryReleaseConnectionsMin = 256
}
