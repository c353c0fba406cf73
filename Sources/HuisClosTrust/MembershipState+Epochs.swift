public import HuisClosCrypto
public import HuisClosProtocol

/// One started key epoch as the verified log records it.
public struct StartedEpoch: Sendable {
    /// The scope.
    public let scope: ScopeID
    /// The epoch, from 1.
    public let epoch: UInt32
    /// The key commitment every copy of the key must match.
    public let commitment: [UInt8]
    /// The device that signed the record.
    public let starter: SigningPublicKey
    /// When the record was issued.
    public let startedAt: Instant
    /// The key sealed to the starter and the chain link carried by the record.
    public let keys: EpochKeys
}

/// Who may start key epochs, and the epochs as recorded.
extension MembershipState {
    /// True when `device` may sign `startEpoch` for `scope` at `instant`: it writes the scope and
    /// holds its authority — a device of member X for `member:X`, a device of the secretariat or
    /// the president (`Role.actsForTheCouncil`) for every other scope. A plain member, the second
    /// circle or a guest cannot start (and so cannot freeze) a shared scope's keys.
    public func mayStartEpoch(device: SigningPublicKey, scope: ScopeID, at instant: Instant) -> Bool {
        guard mayWrite(device: device, scope: scope, at: instant), let member = devices[device]?.device.member else { return false }
        if scope.rawValue.hasPrefix("member:") { return scope == member.privateScope }
        return role(of: member, at: instant)?.actsForTheCouncil == true
    }

    /// Every epoch of `scope` the log records, ascending.
    public func startedEpochs(of scope: ScopeID) -> [StartedEpoch] {
        (epochs[scope] ?? []).map { entry in
            StartedEpoch(scope: scope, epoch: entry.epoch, commitment: entry.commitment, starter: entry.starter,
                         startedAt: entry.startedAt, keys: entry.keys)
        }
    }

    /// Every scope with at least one epoch.
    public var scopesWithEpochs: [ScopeID] { epochs.keys.sorted() }
}
