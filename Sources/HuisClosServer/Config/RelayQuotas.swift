/// The per-device and per-council quotas, rate limits and connection bounds one server applies: `ServerLimits`'
/// values by default (see there for each one's reason); a test tightens them to reach them quickly.
public struct RelayQuotas: Sendable, Equatable {
    /// Files one device may declare (`quotaExceeded` beyond).
    public var filesPerDeviceMax: Int
    /// Chunk bytes one device may store (`quotaExceeded` beyond).
    public var chunkBytesPerDeviceMax: Int64
    /// Bytes one council's data may take in the database (`councilQuotaExceeded` beyond).
    public var councilStorageBytesMax: Int64 = ServerLimits.councilStorageBytesMax
    /// The share of `councilStorageBytesMax`, in percent, contributions may fill (`councilQuotaExceeded` beyond).
    public var contributionsSharePercent: Int = ServerLimits.contributionsSharePercent
    /// Login challenges per device and source address per window (`rateLimited` beyond).
    public var challengesPerDevicePerWindowMax: Int
    /// Failed login proofs per device and source address per window (`rateLimited` beyond).
    public var failedProofsPerDevicePerWindowMax: Int
    /// Failed enrolment attempts per source address per window (`rateLimited` beyond).
    public var failedEnrolmentsPerAddressPerWindowMax: Int
    /// Failed enrolment attempts per window for the council, all addresses together (`rateLimited` beyond).
    public var failedEnrolmentsPerCouncilPerWindowMax: Int = ServerLimits.failedEnrolmentsPerCouncilPerWindowMax
    /// Contributions per source address (or second-circle device) per hour (`tooMany` beyond).
    public var contributionsPerAddressPerWindowMax: Int = ServerLimits.contributionsPerAddressPerWindowMax
    /// The rate limits' window, in seconds of the server's clock.
    public var rateWindowSeconds: Int
    /// Open connections in all (a connection over it is closed at once).
    public var connectionsMax: Int
    /// Open connections from one address (a connection over it is closed at once).
    public var connectionsPerAddressMax: Int
    /// Seconds a connection has to send its first complete request head.
    public var requestHeadSeconds: Int
    /// Seconds a connection may stay idle between requests.
    public var idleSeconds: Int
    /// Seconds every request body has, at least, from its head to its end (the deadline's floor).
    public var requestBodySecondsMin: Int = ServerLimits.requestBodySecondsMin
    /// Bytes per second of its announced size a body's deadline grows by (the slowest link served).
    public var requestBodyBytesPerSecondMin: Int = ServerLimits.requestBodyBytesPerSecondMin

    /// `ServerLimits`' values.
    public static let standard = RelayQuotas(
        filesPerDeviceMax: ServerLimits.filesPerDeviceMax, chunkBytesPerDeviceMax: ServerLimits.chunkBytesPerDeviceMax,
        challengesPerDevicePerWindowMax: ServerLimits.challengesPerDevicePerWindowMax,
        failedProofsPerDevicePerWindowMax: ServerLimits.failedProofsPerDevicePerWindowMax,
        failedEnrolmentsPerAddressPerWindowMax: ServerLimits.failedEnrolmentsPerAddressPerWindowMax, rateWindowSeconds: ServerLimits.rateWindowSeconds,
        connectionsMax: ServerLimits.connectionsMax, connectionsPerAddressMax: ServerLimits.connectionsPerAddressMax,
        requestHeadSeconds: ServerLimits.requestHeadSeconds, idleSeconds: ServerLimits.idleSeconds)
}
