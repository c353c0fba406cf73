import HuisClosProtocol

/// Where a device stands in one scope's relay log: the position up to which it applied the log,
/// and the hash of the batch the relay had at that position.
///
/// The hash lets the next pull check that the relay still holds what the device already has: a
/// relay restored from an older copy of its data (or after a damaged WAL) answers a head below
/// the position, or another batch there (`SyncDriver.pull`), and the device repairs it.
public struct LogCursor: Sendable, Equatable {
    /// The log position up to which the scope is applied (0: nothing yet).
    public var position: UInt64
    /// The BLAKE2b-256 hash of the batch at `position` when it was pulled; nil at 0, or for a
    /// cursor kept before the hash was (then only the head is checked until the next page).
    public var batchHash: [UInt8]?

    /// A cursor at `position`, whose batch there hashes to `batchHash`.
    public init(position: UInt64, batchHash: [UInt8]?) {
        precondition(position > 0 || batchHash == nil, "no batch at position 0")
        self.position = position
        self.batchHash = batchHash
    }

    /// Nothing applied yet: the next pull starts at the beginning of the log.
    public static let start = LogCursor(position: 0, batchHash: nil)
}
