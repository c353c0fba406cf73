public import HuisClosEngine
public import HuisClosProtocol
public import HuisClosTrust

/// What the device owning a replica tells its council records (`Device.council` builds it):
/// who is writing, whether it may write now, and when the relay received a batch.
///
/// Without a link (a bare `ChangeStore`, as in the library's own tests) `CouncilStore` writes
/// without these checks and shows no server times; a device's store still refuses unauthorised
/// records through its batch authorizer.
public struct CouncilDeviceLink: Sendable {
    /// The verified membership state now: whose device this is and in which role.
    public let membership: @Sendable () -> MembershipState
    /// Throws when this device may not write now (its offline lease expired).
    public let checkWrite: @Sendable () throws -> Void
    /// The relay's arrival time (Unix ms) of the batch carrying the operation stamped with the
    /// timestamp in the scope, or nil when not known.
    public let serverTime: @Sendable (Timestamp, ScopeID) throws -> Int64?

    /// A link from the device's parts.
    public init(membership: @escaping @Sendable () -> MembershipState, checkWrite: @escaping @Sendable () throws -> Void,
                serverTime: @escaping @Sendable (Timestamp, ScopeID) throws -> Int64?) {
        self.membership = membership
        self.checkWrite = checkWrite
        self.serverTime = serverTime
    }
}
