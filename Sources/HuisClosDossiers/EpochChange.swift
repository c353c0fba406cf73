import HuisClosProtocol
import HuisClosTrust

/// Membership records followed by a new key epoch, all or nothing.
enum EpochChange {
    /// Appends `records`' entries to a copy of `log`, then starts the next epoch of `scope` with a
    /// copy of `keyring`; replaces `log` and `keyring` only if every step succeeded.
    static func apply(scope: ScopeID, reason: EpochReason, log: inout MembershipLog, keyring: inout ScopeKeyring,
                      at instant: Instant, records: (inout MembershipLog) throws -> Void) throws -> EpochRotation {
        var next = log
        var nextKeyring = keyring
        try records(&next)
        let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: reason, log: &next, keyring: &nextKeyring, at: instant)
        log = next
        keyring = nextKeyring
        return rotation
    }
}
